import Foundation
import Registers
import Stats

/// The real förbund and kommuner (2012) and the valuation parameters the generator uses, read from
/// `Datasets/reference/` (see its README).
public struct ReferenceData: Sendable {
    /// A förbund of the 2012 list: its id, name, län codes and member kommun codes (four-digit text).
    public struct FederationRecord: Sendable {
        public var id: String
        public var name: String
        public var lan: [String]
        public var kommuner: [String]
    }

    /// The förbund, in file order.
    public var federations: [FederationRecord]
    /// The valuation parameters by year.
    public var prices: PriceTable

    /// Reads `federations_2012.csv` and `prices.csv` from `folder`.
    public init(folder: String) throws {
        let fed = try DataTable.read(path: folder + "/federations_2012.csv", textColumns: ["federation_id", "name", "lan", "kommuner"])
        guard case .text(let ids)? = fed["federation_id"], case .text(let names)? = fed["name"],
              case .text(let lans)? = fed["lan"], case .text(let kommuner)? = fed["kommuner"] else {
            throw DataError(file: folder + "/federations_2012.csv", "expected the columns federation_id, name, lan, kommuner")
        }
        federations = (0..<fed.rowCount).map {
            FederationRecord(id: ids[$0] ?? "", name: names[$0] ?? "", lan: (lans[$0] ?? "").split(separator: "|").map(String.init),
                             kommuner: (kommuner[$0] ?? "").split(separator: "|").map(String.init))
        }
        let p = try DataTable.read(path: folder + "/prices.csv", textColumns: ["parameter", "unit", "source"])
        guard case .text(let params)? = p["parameter"], case .numeric(let values, _)? = p["value"],
              case .text(let units)? = p["unit"], case .numeric(let years, _)? = p["year"],
              case .text(let sources)? = p["source"] else {
            throw DataError(file: folder + "/prices.csv", "expected the columns parameter, value, unit, year, source")
        }
        var rows: [PriceTable.Row] = []
        for i in 0..<p.rowCount {
            let row = PriceTable.Row(parameter: params[i] ?? "", value: values[i], unit: units[i] ?? "",
                                     year: Int(years[i]), source: sources[i] ?? "")
            rows.append(row)
        }
        prices = PriceTable(rows: rows)
    }
}
