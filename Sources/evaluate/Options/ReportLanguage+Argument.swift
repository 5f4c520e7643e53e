import ArgumentParser
import Reporting

/// `--lang sv|en`: the language of `report.html`.
extension ReportLanguage: ExpressibleByArgument {}
