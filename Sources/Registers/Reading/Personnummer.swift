/// Whether an identifier looks like a real Swedish personal identity number (personnummer or samordningsnummer):
/// 10 or 12 digits, optionally with `-` or `+` before the last four, whose last digit is the Luhn check digit of the
/// ten-digit form (Skatteverket, SKV 704).
///
/// FinsamEval refuses such identifiers: input must be pseudonymised. A pseudonym that happens to be 10
/// digits with a valid check digit is refused too (one in ten random 10-digit strings); use a letter prefix.
public func looksLikePersonnummer(_ id: String) -> Bool {
    var digits: [Int] = []
    for (k, ch) in id.enumerated() {
        if let d = ch.wholeNumberValue, ch.isASCII {
            digits.append(d)
        } else if (ch == "-" || ch == "+"), k == id.count - 5 {
            continue
        } else {
            return false
        }
    }
    guard digits.count == 10 || digits.count == 12 else { return false }
    let ten = Array(digits.suffix(10))
    var sum = 0
    for (i, d) in ten.prefix(9).enumerated() {
        let v = i % 2 == 0 ? d * 2 : d
        sum += v / 10 + v % 10
    }
    return (10 - sum % 10) % 10 == ten[9]
}
