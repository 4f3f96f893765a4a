import LeakKBDiagnosis

extension SitePages {
    /// The served page where evidence is pasted or chosen and sent to
    /// `POST /api/diagnose`. Only the server has it: the exported site has
    /// no server to diagnose with, so it neither writes nor links a page
    /// that could only say so.
    package func diagnose() -> String {
        page(
            "diagnose", path: "diagnose", title: "Diagnose a goroutine dump",
            description: "Paste a goroutine dump or profile and see which known leak patterns it shows.",
            ["formats": EvidenceFormat.allCases.map(\.rawValue)])
    }
}
