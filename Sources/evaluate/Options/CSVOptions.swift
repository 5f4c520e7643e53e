import ArgumentParser
import Stats

extension CSVDialect: ExpressibleByArgument {}

/// The CSV dialect of the outputs.
struct CSVOptions: ParsableArguments {
    @Option(name: .customLong("csv"), help: "CSV dialect of outputs: excel-sv (';', decimal comma, BOM) or rfc4180.")
    var dialect: CSVDialect = .excelSwedish
}
