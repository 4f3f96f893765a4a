import LeakKBDemos
import LeakKBDiagnosis
import LeakKBModel
import LeakKBSystem

extension KnowledgeBase {
    /// Where `check --demos` has a demo write its evidence:
    /// `.leakkb/evidence/<slug>`, one directory per toolchain inside. It is
    /// kept after the check, so that a failing case can be diagnosed again by
    /// hand, and replaced by the next run; `index --rebuild` leaves it alone.
    package func demoEvidenceDirectory(_ slug: String) -> String {
        "\(root)/.leakkb/evidence/\(slug)"
    }

    /// Runs a demo with `--evidence` into `demoEvidenceDirectory(slug)` and
    /// diagnoses what each variant wrote.
    package func runDemoDiagnosingEvidence(
        _ slug: String, on toolchain: Toolchain, timeout: Duration = .seconds(60),
        files: [DemoEvidenceFile] = DemoEvidenceFile.diagnosed,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> (report: DemoReport, cases: [EvidenceCase]) {
        let directory = demoEvidenceDirectory(slug)
        // A variant that crashes writes nothing: the last run's files must not be judged in its place.
        FileSystem.removeTree("\(directory)/\(toolchain.version)")
        let report = try await runDemo(
            slug, on: toolchain, timeout: timeout, evidence: directory, progress: progress)
        let cases = try diagnoseDemoEvidence(
            slug, toolchain: toolchain.version, in: "\(directory)/\(toolchain.version)", files: files)
        return (report, cases)
    }

    /// Diagnoses each of `files` that both variants of `slug`'s demo wrote
    /// into `directory` (one toolchain's), judged by the signatures that
    /// apply to `toolchain`. A file missing or unreadable is a case with a problem.
    package func diagnoseDemoEvidence(
        _ slug: String, toolchain: GoVersion, in directory: String,
        files: [DemoEvidenceFile] = DemoEvidenceFile.diagnosed
    ) throws -> [EvidenceCase] {
        let signatures = try pattern(slug).metadata.signatures
        var cases: [EvidenceCase] = []
        for variant in Variant.allCases {
            for file in files {
                let path = file.path(in: directory, variant: variant)
                let signed = file.domain.signs(signatures, on: toolchain)
                func evidenceCase(names: [EvidenceCase.Name], problem: String? = nil) -> EvidenceCase {
                    EvidenceCase(
                        pattern: slug, toolchain: toolchain.description, variant: variant, file: file.name,
                        signed: signed, names: names, problem: problem)
                }
                guard FileSystem.exists(path) else {
                    cases.append(evidenceCase(names: [], problem: "\(path) is missing: the variant wrote none"))
                    continue
                }
                do {
                    let report = try diagnose(
                        .file(path), base: file.basePath(in: directory, variant: variant).map { .file($0) },
                        toolchain: toolchain)
                    cases.append(evidenceCase(names: EvidenceCase.names(in: report)))
                } catch {
                    cases.append(evidenceCase(names: [], problem: "\(error)"))
                }
            }
        }
        return cases
    }
}
