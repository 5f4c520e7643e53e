// finsam-bench: timings of the regression core against the BLAS floor, on generated data.
//
//   finsam-bench ols   --rows N --columns P --clusters G [--repeat R] [--write DIR]
//   finsam-bench logit --rows N --columns P [--repeat R] [--write DIR]
//   finsam-bench panel --data DIR [--repeat R]      read + validate a dataset folder, then build the monthly panel
//   finsam-bench match --rows NT --columns NC [--repeat R] [--write DIR]   1:1 matching with a 0.2 sd caliper of NT
//                                                   treated to NC controls on given scores (scores.f64, treat.i32)
//
// Prints one line per measurement, `RESULT task impl seconds`, then a summary. With --write, the data are written
// to DIR as raw little-endian float64 (`design.f64`: n × (p + 2) column-major — intercept, p regressors, response)
// and int32 cluster ids (`cluster.i32`), with `meta.json`, so that the peers in scripts/bench fit the same data.
import Foundation
import Linalg
import Matching
import Registers
import Stats

struct Arguments {
    var task = "ols"
    var rows = 1_000_000
    var columns = 50
    var clusters = 1000
    var repeats = 3
    var write: String?
    var data: String?
    /// Fit once on the generated matrix itself (no floors, no copy) and report peak memory as a multiple of X.
    var memoryOnly = false

    init() {
        var args = Array(CommandLine.arguments.dropFirst())
        if let first = args.first, !first.hasPrefix("--") { task = first; args.removeFirst() }
        var i = 0
        while i < args.count {
            let value = i + 1 < args.count ? args[i + 1] : ""
            switch args[i] {
            case "--rows": rows = Int(Double(value)!)
            case "--columns": columns = Int(value)!
            case "--clusters": clusters = Int(value)!
            case "--repeat": repeats = Int(value)!
            case "--write": write = value
            case "--data": data = value
            case "--memory": memoryOnly = true; i -= 1
            case "--help", "-h":
                print("usage: finsam-bench ols|logit --rows N --columns P [--clusters G] [--repeat R] [--write DIR]")
                exit(0)
            default:
                FileHandle.standardError.write(Data("finsam-bench: unknown argument \(args[i])\n".utf8))
                exit(64)
            }
            i += 2
        }
    }
}

extension SplitMix64 {
    /// Uniform on (−√3, √3): mean 0, variance 1.
    mutating func unit() -> Double { (Double(next() >> 11) * 0x1p-53 * 2 - 1) * 1.7320508075688772 }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func peakResidentBytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) * 1024
}

/// n × (p + 2): intercept, p regressors, response; cluster ids.
func generate(_ a: Arguments, logit: Bool) -> (Matrix, [Int32]) {
    let n = a.rows, p = a.columns
    var x = Matrix(rows: n, columns: p + 2)
    var cluster = [Int32](repeating: 0, count: n)
    x.storage.withUnsafeMutableBufferPointer { buf in
        let base = SharedPointer(buf.baseAddress!)
        // Columns in parallel, each from its own seeded stream (deterministic).
        RowBlocks.forEachPart(count: p + 1) { part in
            for j in part {
                let col = base.base + j * n
                if j == 0 { for i in 0..<n { col[i] = 1 }; continue }
                var rng = SplitMix64(state: UInt64(j) &* 7919)
                for i in 0..<n { col[i] = rng.unit() }
            }
        }
        var rng = SplitMix64(state: 42)
        var effects = [Double](repeating: 0, count: a.clusters)
        for g in 0..<a.clusters { effects[g] = rng.unit() }
        let y = base.base + (p + 1) * n
        for i in 0..<n {
            let g = Int(rng.next() % UInt64(a.clusters))
            cluster[i] = Int32(g)
            var eta = 0.5
            for j in 1...min(p, 10) { eta += base.base[j * n + i] * (j.isMultiple(of: 2) ? 0.3 : -0.2) }
            if logit {
                let u = Double(rng.next() >> 11) * 0x1p-53
                y[i] = u < 1 / (1 + exp(-eta)) ? 1 : 0
            } else {
                y[i] = eta + effects[g] + rng.unit()
            }
        }
    }
    return (x, cluster)
}

/// Writes raw bytes with write(2) in chunks of at most 1 GiB (Foundation's `Data.write` corrupts files over 2 GiB
/// with this toolchain on Linux: the kernel caps a single write at 0x7ffff000 bytes).
func writeAll(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let written = write(fd, bytes.baseAddress! + offset, min(bytes.count - offset, 1 << 30))
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        offset += written
    }
}

func writeData(_ x: Matrix, _ cluster: [Int32], _ a: Arguments, to dir: String) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try x.storage.withUnsafeBytes { try writeAll($0, to: dir + "/design.f64") }
    try cluster.withUnsafeBytes { try writeAll($0, to: dir + "/cluster.i32") }
    let meta = "{\"rows\": \(a.rows), \"columns\": \(a.columns), \"clusters\": \(a.clusters), \"task\": \"\(a.task)\"}\n"
    try meta.write(toFile: dir + "/meta.json", atomically: true, encoding: .utf8)
}

func result(_ task: String, _ impl: String, _ seconds: Double) {
    print("RESULT \(task) \(impl) \(String(format: "%.4f", seconds))")
}

let args = Arguments()
if args.task == "match" {
    try benchMatch(treated: args.rows, controls: args.columns, repeats: args.repeats, write: args.write)
    exit(0)
}
if args.task == "panel" {
    try benchPanel(folder: args.data ?? "Datasets/synthetic", repeats: args.repeats)
    exit(0)
}
let logit = args.task == "logit"
if args.memoryOnly {
    var (x, cluster) = generate(args, logit: logit)
    let n = args.rows, p = args.columns
    let names = ["(Intercept)"] + (1...p).map { "x\($0)" }
    let formula = try Formula("y ~ " + (1...p).map { "x\($0)" }.joined(separator: " + "))
    let frame = ModelFrame(augmented: x, columnNames: names, hasIntercept: true,
                           carried: logit ? [:] : ["cluster": .numeric(cluster.map(Double.init), isInteger: true)])
    x = Matrix(rows: 0, columns: 0)
    cluster = []
    let t0 = now()
    if logit {
        _ = try LogisticModel(formula: formula).fit(frame).inference(.iid)
    } else {
        _ = try LinearModel(formula: formula, clusterVariables: ["cluster"]).fit(frame).inference(.cluster(["cluster"]))
    }
    print(String(format: "MEMORY %@ n=%d p=%d: fit %.3f s; peak RSS %.2f × X (X = %.2f GB)", args.task, n, p, now() - t0,
                 peakResidentBytes() / Double(n * (p + 1) * 8), Double(n * (p + 1) * 8) / 1e9))
    exit(0)
}
let (x, cluster) = generate(args, logit: logit)
if let dir = args.write { try writeData(x, cluster, args, to: dir) }
let n = args.rows, p = args.columns
let names = ["(Intercept)"] + (1...p).map { "x\($0)" }
let formula = try Formula("y ~ " + (1...p).map { "x\($0)" }.joined(separator: " + "))
let clusterColumn = Column.numeric(cluster.map(Double.init), isInteger: true)
let xBytes = Double(n * (p + 1) * 8)
var minimum: [String: Double] = [:]
@MainActor func record(_ impl: String, _ seconds: Double) {
    result(args.task, impl, seconds)
    minimum[impl] = min(minimum[impl] ?? .infinity, seconds)
}

for _ in 0..<args.repeats {
    // Floor 1: one single-threaded dsyrk over the whole X (intercept + p regressors).
    var c = [Double](repeating: 0, count: (p + 1) * (p + 1))
    var t0 = now()
    x.storage.withUnsafeBufferPointer { xp in
        c.withUnsafeMutableBufferPointer { BLAS.crossProductUpper(xp.baseAddress!, rows: n, columns: p + 1, leadingDimension: n, into: $0.baseAddress!) }
    }
    record("dsyrk-1thread", now() - t0)
    // Floor 2: the same X'X split over row blocks on every core.
    t0 = now()
    _ = x.storage.withUnsafeBufferPointer { CrossProduct.gram($0.baseAddress!, rows: n, columns: p + 1) }
    record("dsyrk-rowblocks", now() - t0)
    // Ours: the whole fit and its standard errors.
    // A real copy (Array(x.storage) would share the buffer), made outside the timer.
    var design = Matrix(rows: n, columns: p + 2, columnMajor: x.storage.withUnsafeBufferPointer { Array($0) })
    let frame = ModelFrame(augmented: design, columnNames: names, hasIntercept: true,
                           carried: logit ? [:] : ["cluster": clusterColumn])
    design = Matrix(rows: 0, columns: 0)
    t0 = now()
    if logit {
        let fit = try LogisticModel(formula: formula).fit(frame)
        _ = try fit.inference(.iid)
        record("finsam-logit", now() - t0)
        print("COEF \(args.task) finsam x1 \(fit.coefficients[1])")
    } else {
        let fit = try LinearModel(formula: formula, clusterVariables: ["cluster"]).fit(frame)
        _ = try fit.inference(.cluster(["cluster"]))
        record("finsam-ols-cluster", now() - t0)
        print("COEF \(args.task) finsam x1 \(fit.coefficients[1])")
    }
}
let floor1 = minimum["dsyrk-1thread"]!, floor2 = minimum["dsyrk-rowblocks"]!
let ours = minimum[logit ? "finsam-logit" : "finsam-ols-cluster"]!
print(String(format: "SUMMARY %@ n=%d p=%d threads=%d: ours %.3f s; dsyrk 1 thread %.3f s (ratio %.2f); dsyrk row blocks %.3f s (ratio %.2f); peak RSS %.2f × X",
             args.task, n, p, RowBlocks.threadCount, ours, floor1, ours / floor1, floor2, ours / floor2, peakResidentBytes() / xBytes))

/// Reading + validation and the panel build on a dataset folder, against reading the same bytes without parsing.
func benchPanel(folder: String, repeats: Int) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".csv.gz") }
    for _ in 0..<repeats {
        var t0 = now()
        var bytes = 0
        for name in names { bytes += try readFileBytes(path: folder + "/" + name).count }
        let rawSeconds = now() - t0
        t0 = now()
        let registers = try RegisterReader(folder: folder).read()
        let readSeconds = now() - t0
        t0 = now()
        let panel = PanelBuilder(registers: registers).build(registers)
        let panelSeconds = now() - t0
        let rows = registers.files.reduce(0) { $0 + $1.rows }
        print(String(format: "RESULT panel read-bytes %.3f", rawSeconds))
        print(String(format: "RESULT panel read-validate %.3f", readSeconds))
        print(String(format: "RESULT panel build-panel %.3f", panelSeconds))
        print(String(format: "SUMMARY panel: %.0f MB in %d rows; bytes only %.0f MB/s; read+validate %.1f MB/s (%.2f M rows/s); panel %d persons × %d months in %.2f s; peak RSS %.2f GiB",
                     Double(bytes) / 1e6, rows, Double(bytes) / 1e6 / rawSeconds, Double(bytes) / 1e6 / readSeconds,
                     Double(rows) / 1e6 / readSeconds, panel.personCount, panel.monthCount, panelSeconds,
                     peakResidentBytes() / 1_073_741_824))
    }
}

/// Greedy 1:1 nearest-neighbour matching with a caliper of 0.2 sd on given scores.
func benchMatch(treated nt: Int, controls nc: Int, repeats: Int, write: String?) throws {
    var rng = SplitMix64(state: 99)
    var distance: [Double] = [], treat: [Bool] = []
    for i in 0..<(nt + nc) {
        let t = i < nt
        let u = Double(rng.next() >> 11) * 0x1p-53, v = Double(rng.next() >> 11) * 0x1p-53
        // Treated scores lean higher (a Beta(2,1)-like shape), controls lower (Beta(1,2)-like).
        distance.append(t ? max(u, v) : min(u, v))
        treat.append(t)
    }
    if let dir = write {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try distance.withUnsafeBytes { try writeAll($0, to: dir + "/scores.f64") }
        let codes = treat.map { Int32($0 ? 1 : 0) }
        try codes.withUnsafeBytes { try writeAll($0, to: dir + "/treat.i32") }
    }
    for _ in 0..<repeats {
        let t0 = now()
        let sample = NearestNeighborMatching(caliper: 0.2).match(distance: distance, treated: treat)
        print(String(format: "RESULT match finsam %.4f", now() - t0))
        print("MATCHED match finsam \(sample.matchedTreatedCount)")
    }
}
