import Foundation

/// Writes a NOTE line (a note or warning about the results) to stderr. Stdout carries only the summary that scripts
/// parse; `--quiet` silences progress, never notes.
func printNote(_ text: String) {
    FileHandle.standardError.write(Data("NOTE: \(text)\n".utf8))
}
