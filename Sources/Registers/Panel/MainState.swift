/// One state per person and month for transition matrices, chosen by priority among the states that hold.
public enum MainState: String, CaseIterable, Sendable, Codable {
    case sjukersattning = "SE"
    case aktivitetsersattning = "AE"
    /// Sjukpenning or rehabiliteringsersättning.
    case sjukpenning = "SJP/RHB"
    case aktivitetsstod = "AKS"
    case akassa = "AKASSA"
    case etablering = "ETB"
    case ekonomisktBistand = "EB"
    case subsidizedWork = "subsidised work"
    case work = "work"
    case studies = "studies"
    case none = "none"

    /// The default priority: SE > AE > SJP/RHB > AKS > AKASSA > ETB > EB > subsidised work > work > studies > none.
    public static let defaultPriority: [MainState] = allCases

    /// The state a benefit code puts a person in.
    public init(benefit: BenefitCode) {
        switch benefit {
        case .SE: self = .sjukersattning
        case .AE: self = .aktivitetsersattning
        case .SJP, .RHB: self = .sjukpenning
        case .AKS: self = .aktivitetsstod
        case .AKASSA: self = .akassa
        case .ETB: self = .etablering
        case .EB: self = .ekonomisktBistand
        }
    }

    /// The state's position in ``allCases`` (the panel stores it per cell).
    public var index: UInt8 { UInt8(MainState.allCases.firstIndex(of: self)!) }
    /// The state at position `index` of ``allCases`` (the inverse of ``index``).
    public init(index: UInt8) { self = MainState.allCases[Int(index)] }

    /// Parses a priority list such as `SE,AE,SJP/RHB,AKS,AKASSA,ETB,EB,subsidised work,work,studies,none`; it must
    /// name every state once.
    public static func priority(parsing text: String) -> [MainState]? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let states = parts.compactMap { MainState(rawValue: $0) }
        guard states.count == allCases.count, Set(states).count == allCases.count else { return nil }
        return states
    }
}

import Foundation
