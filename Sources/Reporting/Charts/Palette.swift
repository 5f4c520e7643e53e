import Foundation

/// Colours of the report's charts: Okabe & Ito's palette, distinguishable with the common colour-vision
/// deficiencies, plus greys.
public enum Palette {
    public static let blue = "#0072B2"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let green = "#009E73"
    public static let yellow = "#F0E442"
    public static let vermillion = "#D55E00"
    public static let purple = "#CC79A7"
    public static let black = "#000000"
    public static let grey = "#767676"
    /// Axis lines and tick labels.
    public static let ink = "#333333"
    /// Grid lines.
    public static let grid = "#E6E6E6"

    /// Black or white, whichever contrasts more with a `#RRGGBB` background (WCAG 2 relative luminance).
    public static func textColor(on background: String) -> String {
        let hex = background.dropFirst()
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return black }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05): equal at L ≈ 0.179.
        return luminance > 0.179 ? black : "#FFFFFF"
    }
}
