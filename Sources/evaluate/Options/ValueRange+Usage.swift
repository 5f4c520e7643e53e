import ArgumentParser
import Evaluation

extension ValueRange {
    /// ``ValueRange/check(_:_:what:hint:)`` as a usage error of the command line (exit 64).
    func require(_ option: String, _ value: Double, what: String? = nil, hint: String? = nil) throws {
        do { try check(option, value, what: what, hint: hint) } catch let e as OptionValueError { throw ValidationError(e.description) }
    }

    /// ``ValueRange/check(_:_:what:)`` of an integer option as a usage error (exit 64).
    func require(_ option: String, _ value: Int, what: String? = nil) throws {
        try require(option, Double(value), what: what)
    }
}
