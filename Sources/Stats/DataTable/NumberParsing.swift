#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact powers of ten representable as `Double` (10⁰ … 10²²).
private let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

/// Parses a decimal number from bytes, correctly rounded.
///
/// Accepts an optional sign, digits with an optional decimal separator (`.` or `,`, as given) and an optional
/// exponent. Surrounding spaces are ignored. Values with at most 19 significant digits whose mantissa fits 2⁵³ and
/// whose decimal exponent is within ±22 are computed exactly in one multiplication or division (Clinger's fast
/// path); all others go to the C library's correctly rounded `strtod`.
///
/// - Returns: the value, or `nil` when the bytes are not a number or the number overflows a `Double` (`1e400`: like
///   the literal `inf`, not a value a model can use).
public func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8) -> Double? {
    var i = 0
    var end = bytes.count
    while i < end, bytes[i] == 32 { i += 1 }
    while end > i, bytes[end - 1] == 32 { end -= 1 }
    guard i < end else { return nil }
    let start = i
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        negative = bytes[i] == UInt8(ascii: "-")
        i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significantDigits = 0
    var exponent = 0
    while i < end, bytes[i] &- 48 < 10 {
        if significantDigits > 0 || bytes[i] != 48 { significantDigits += 1 }
        if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48) } else { exponent += 1 }
        digits += 1
        i += 1
    }
    if i < end, bytes[i] == decimalSeparator {
        i += 1
        while i < end, bytes[i] &- 48 < 10 {
            if significantDigits > 0 || bytes[i] != 48 { significantDigits += 1 }
            if significantDigits <= 19 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
                exponent -= 1
            }
            digits += 1
            i += 1
        }
    }
    guard digits > 0 else { return nil }
    if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
        i += 1
        var expNegative = false
        if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            expNegative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var e = 0
        var expDigits = 0
        while i < end, bytes[i] &- 48 < 10 {
            if e < 100_000 { e = e * 10 + Int(bytes[i] &- 48) }
            expDigits += 1
            i += 1
        }
        guard expDigits > 0 else { return nil }
        exponent += expNegative ? -e : e
    }
    guard i == end else { return nil }
    if significantDigits <= 19, mantissa < (1 << 53), abs(exponent) <= 22 {
        let m = Double(mantissa)
        let v = exponent >= 0 ? m * exactPowersOfTen[exponent] : m / exactPowersOfTen[-exponent]
        return negative ? -v : v
    }
    // Slow path: copy into a NUL-terminated C string with '.' as the decimal point.
    let length = end - start
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buf in
        for k in 0..<length {
            let b = bytes[start + k]
            buf[k] = CChar(bitPattern: b == decimalSeparator ? UInt8(ascii: ".") : b)
        }
        buf[length] = 0
        let value = strtod(buf.baseAddress!, nil)
        return value.isFinite ? value : nil
    }
}
