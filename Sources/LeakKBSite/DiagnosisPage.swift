import LeakKBDiagnosis
import LeakKBModel

/// A `DiagnosisReport` as HTML, from the one template `diagnosis.mustache`:
/// a whole page that carries the site's stylesheet inline (`leakkb diagnose
/// --html`: no request leaves it, no script runs, it opens from file://), or
/// the report alone for the served paste page to show. Everything from the
/// evidence is escaped by the template: a dump is hostile input.
package struct DiagnosisPage: Sendable {
    package let templates: Templates
    /// What pattern links start with: "" for paths relative to the report
    /// (`patterns/SLUG.html`), a directory or URL of an exported site, "/"
    /// on the server.
    package let siteBase: String
    /// Suspects whose patterns are shown in full; the rest are named.
    package var detailedMatches = 2
    /// Groups without a suspect listed before "… N more".
    package var otherGroups = 50

    package init(templates: Templates, siteBase: String = "") {
        self.templates = templates
        self.siteBase = siteBase.isEmpty || siteBase.hasSuffix("/") ? siteBase : siteBase + "/"
    }

    /// The self-contained page.
    package func page(_ report: DiagnosisReport) -> String {
        var context = self.context(report, headingLevel: 1)
        context["standalone"] = ["styles": templates.stylesheet]
        return templates.render("diagnosis", context)
    }

    /// The report as a section, headed by an `<h2>`, to go inside a page of the site.
    package func fragment(_ report: DiagnosisReport) -> String {
        templates.render("diagnosis", context(report, headingLevel: 2))
    }

    func context(_ report: DiagnosisReport, headingLevel level: Int) -> [String: Any] {
        let suspects = report.suspects
        let others = report.groups.filter { !$0.suspect }
        var context: [String: Any] = [
            "h1": "h\(level)", "h2": "h\(level + 1)", "h3": "h\(level + 2)",
            "input": report.input, "format": report.format.rawValue,
            "goroutines": DiagnosisReport.count(report.goroutines, "goroutine"),
            "groups": DiagnosisReport.count(report.groups.count, "group"),
            "suspectCount": suspects.count,
            "verdict": suspects.isEmpty
                ? "No suspects: no group matches a known pattern’s signature"
                    + (report.base == nil ? "." : " and grew.")
                : "\(DiagnosisReport.count(suspects.count, "suspect group")) found, most suspicious first.",
            "verdictCss": suspects.isEmpty ? "pass" : "fail",
            "suspects": suspects.enumerated().map { suspect($1, number: $0 + 1) },
            "others": others.prefix(otherGroups).map { ["count": $0.count, "summary": $0.headline] },
            "hasOthers": !others.isEmpty,
        ]
        // Only present keys: Mustache treats a boxed nil as a value.
        if let base = report.base { context["base"] = base }
        if let toolchain = report.toolchain { context["toolchain"] = toolchain }
        if let old = report.baseGoroutines { context["baseGoroutines"] = DiagnosisReport.count(old, "goroutine") }
        if report.truncated { context["truncated"] = true }
        if others.count > otherGroups { context["moreOthers"] = "… \(others.count - otherGroups) more" }
        return context
    }

    private func suspect(_ group: GroupReport, number: Int) -> [String: Any] {
        var context: [String: Any] = [
            "number": number, "summary": group.headline, "count": DiagnosisReport.count(group.count, "goroutine"),
            "wait": group.waitDescription, "suspicion": DiagnosisReport.figure(group.suspicion),
            "memory": group.memoryDescription ?? false,
            "matches": group.matches.prefix(detailedMatches).map { match($0, tie: group.tie(of: $0)) },
            "also": group.matches.dropFirst(detailedMatches).map {
                ["slug": $0.slug, "title": $0.title, "score": DiagnosisReport.figure($0.score), "href": href($0.slug)]
            },
            "hasAlso": group.matches.count > detailedMatches,
        ]
        if let growth = group.growthDescription { context["growth"] = growth }
        if let labels = group.labels { context["labels"] = labels }
        if let user = group.userFrame { context["userFrame"] = ["function": user.function, "location": user.location] }
        if let creator = group.createdBy {
            context["createdBy"] = ["function": creator.function, "location": creator.location]
        }
        return context
    }

    private func match(_ match: PatternMatch, tie: String?) -> [String: Any] {
        var context: [String: Any] = [
            "slug": match.slug, "title": match.title, "score": DiagnosisReport.figure(match.score),
            "reasons": match.reasons,
            "evidence": match.evidence.map { ["line": $0.line, "text": $0.text] },
            "hasEvidence": !match.evidence.isEmpty, "show": match.show, "href": href(match.slug),
            "path": "patterns/\(match.slug).html",
        ]
        if let fix = match.fix { context["fix"] = fix }
        if let tie { context["tie"] = tie }
        return context
    }

    private func href(_ slug: String) -> String { siteBase + "patterns/\(slug).html" }
}
