import Linalg

/// The covariance matrices of ``CovarianceType`` (see its documentation for the formulas).
extension RegressionFit {
    /// The covariance of the kept coefficients (`rank × rank`).
    ///
    /// - Throws: ``DataError`` when a cluster variable is not among the columns carried by the fit, or when `HC2`/`HC3`
    ///   meet an observation with leverage 1.
    public func covariance(_ type: CovarianceType) throws -> Matrix {
        let b = bread
        switch type {
        case .iid:
            return dispersion * b
        case .hc0, .hc1, .hc2, .hc3:
            let n = observationCount
            var omega = scoreFactors.map { $0 * $0 }
            switch type {
            case .hc1:
                // sandwich: n/(n − k); fixest's "hetero" with absorbed effects: n/(n − K).
                let factor = Double(n) / Double(n - parameterCount(nestedIn: []))
                for i in omega.indices { omega[i] *= factor }
            case .hc2, .hc3:
                let h = leverages()
                if let i = h.firstIndex(where: { $0 > 1 - 1e-10 }) {
                    throw DataError("observation \(i + 1) has leverage 1; \(type) is undefined (use HC0 or HC1)")
                }
                for i in omega.indices { omega[i] /= type == .hc2 ? (1 - h[i]) : (1 - h[i]) * (1 - h[i]) }
            default:
                break
            }
            let meat = design.storage.withUnsafeBufferPointer { dp in
                omega.withUnsafeBufferPointer {
                    CrossProduct.gram(dp.baseAddress!, rows: n, columns: rank, rowScale: $0.baseAddress!)
                }
            }
            return sandwich(b, meat)
        case .cluster(let names):
            return try clusterCovariance(names, bread: b)
        }
    }

    /// The number of parameters `K` in small-sample adjustments, as fixest and pyfixest count it:
    /// `K = k + Σ_f c_f − (F − 1)` over the `F` absorbed effects, with `c_f` the number of groups of effect `f`, or 1
    /// when it is nested in one of `clusters` (`fixef.K = "nested"`).
    func parameterCount(nestedIn clusters: [[Int32]]) -> Int {
        guard !absorbed.isEmpty else { return rank }
        var k = rank - (absorbed.count - 1)
        for effect in absorbed {
            k += clusters.contains(where: { isNested(effect.codes, in: $0) }) ? 1 : effect.groupCount
        }
        return k
    }

    /// `B·M·B`.
    func sandwich(_ b: Matrix, _ meat: Matrix) -> Matrix {
        var v = BLAS.multiply(BLAS.multiply(b, meat), b)
        // Symmetrize exactly (the product is symmetric up to rounding).
        for j in 0..<v.columns { for i in 0..<j { let m = (v[i, j] + v[j, i]) / 2; v[i, j] = m; v[j, i] = m } }
        return v
    }

    /// Leverages `hᵢ = wᵢ·xᵢ'(X'WX)⁻¹xᵢ = ‖√wᵢ·xᵢ R⁻¹‖²`, with `X'WX = RᵀR`, computed block by block with `dtrsm`.
    public func leverages() -> [Double] {
        let n = observationCount
        let k = rank
        var h = [Double](repeating: 0, count: n)
        let blockRows = 512
        design.storage.withUnsafeBufferPointer { dp in
            cholesky.factor.storage.withUnsafeBufferPointer { rp in
                h.withUnsafeMutableBufferPointer { hp in
                    let xs = SharedConstPointer(dp.baseAddress!)
                    let rs = SharedConstPointer(rp.baseAddress!)
                    let hs = SharedPointer(hp.baseAddress!)
                    let ws = workingWeights
                    RowBlocks.forEachChunk(rows: n) { _, range in
                        var buffer = [Double](repeating: 0, count: blockRows * k)
                        buffer.withUnsafeMutableBufferPointer { bp in
                            var r0 = range.lowerBound
                            while r0 < range.upperBound {
                                let m = min(blockRows, range.upperBound - r0)
                                for j in 0..<k {
                                    let src = xs.base + j * n + r0
                                    let dst = bp.baseAddress! + j * m
                                    if let ws {
                                        for i in 0..<m { dst[i] = src[i] * ws[r0 + i].squareRoot() }
                                    } else {
                                        for i in 0..<m { dst[i] = src[i] }
                                    }
                                }
                                BLAS.solveUpperTriangularRight(rs.base, order: k, bp.baseAddress!, rows: m, leadingDimension: m)
                                for i in 0..<m { hs.base[r0 + i] = 0 }
                                for j in 0..<k {
                                    let col = bp.baseAddress! + j * m
                                    for i in 0..<m { hs.base[r0 + i] += col[i] * col[i] }
                                }
                                r0 += m
                            }
                        }
                    }
                }
            }
        }
        return h
    }

    /// Cluster-robust covariance, one- or two-way (Cameron, Gelbach & Miller 2011), with sandwich's adjustments.
    func clusterCovariance(_ names: [String], bread b: Matrix) throws -> Matrix {
        var codes: [[Int32]] = []
        var counts: [Int] = []
        for name in names {
            guard let group = clusters[name] else {
                throw DataError(column: name, "the cluster variable was not given when the model was fitted "
                                + "(list it in the model's clusterVariables)")
            }
            codes.append(group.codes)
            counts.append(group.count)
        }
        var components: [(sign: Double, codes: [Int32], count: Int)] = zip(codes, counts).map { (1, $0, $1) }
        if codes.count == 2 {
            let (intersection, count) = intersect(codes[0], codes[1], secondCount: counts[1])
            components.append((-1, intersection, count))
        }
        for c in components where c.count < 2 {
            throw DataError(column: names.joined(separator: ","), "clustering needs at least two clusters, found \(c.count)")
        }
        let n = Double(observationCount)
        let k = Double(parameterCount(nestedIn: codes))
        // c = (n−1)/(n−K): sandwich's HC1-type default for lm; HC0 (c = 1) for glm.
        let smallSample = estimator == .logit ? 1.0 : (n - 1) / (n - k)
        var meat = Matrix(rows: rank, columns: rank)
        // fixest (absorbed effects) multiplies every component by min(G)/(min(G) − 1) (cluster.df = "min");
        // sandwich uses each component's own G.
        let minimumG = Double(counts.min()!)
        for component in components {
            let g = absorbed.isEmpty ? Double(component.count) : minimumG
            let scores = clusterScoreSums(codes: component.codes, groups: component.count)
            meat = meat + (component.sign * g / (g - 1) * smallSample) * BLAS.crossProduct(scores)
        }
        return sandwich(b, meat)
    }

    /// `S` (`G × k`): the sums of the scores `sᵢxᵢ` within each cluster. The columns are split between the threads,
    /// each summing its columns in row order (deterministic for any thread count).
    ///
    /// - Complexity: one pass over `X` (`n·k` additions).
    func clusterScoreSums(codes: [Int32], groups: Int) -> Matrix {
        let n = observationCount
        let k = rank
        var s = Matrix(rows: groups, columns: k)
        design.storage.withUnsafeBufferPointer { dp in
            scoreFactors.withUnsafeBufferPointer { fp in
                codes.withUnsafeBufferPointer { cp in
                    s.storage.withUnsafeMutableBufferPointer { sp in
                        let xs = SharedConstPointer(dp.baseAddress!)
                        let fs = SharedConstPointer(fp.baseAddress!)
                        let cs = SharedConstPointer(cp.baseAddress!)
                        let ss = SharedPointer(sp.baseAddress!)
                        RowBlocks.forEachPart(count: k) { columns in
                            for j in columns {
                                let x = xs.base + j * n
                                let out = ss.base + j * groups
                                for i in 0..<n { out[Int(cs.base[i])] += x[i] * fs.base[i] }
                            }
                        }
                    }
                }
            }
        }
        return s
    }
}

/// Dense codes of the pairs `(a, b)`.
func intersect(_ a: [Int32], _ b: [Int32], secondCount: Int) -> (codes: [Int32], count: Int) {
    var index: [Int: Int32] = [:]
    var out = [Int32](repeating: 0, count: a.count)
    for i in a.indices {
        let key = Int(a[i]) * secondCount + Int(b[i])
        if let c = index[key] { out[i] = c } else {
            let c = Int32(index.count)
            index[key] = c
            out[i] = c
        }
    }
    return (out, index.count)
}

/// Whether every group of `inner` lies within a single group of `outer`.
func isNested(_ inner: [Int32], in outer: [Int32]) -> Bool {
    var parent: [Int32: Int32] = [:]
    for i in inner.indices {
        if let p = parent[inner[i]] {
            if p != outer[i] { return false }
        } else {
            parent[inner[i]] = outer[i]
        }
    }
    return true
}
