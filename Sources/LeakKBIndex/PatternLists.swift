import GRDB
import LeakKBCatalog
import LeakKBModel

/// Reads articles' front matter back from `patterns`, its ordered lists
/// (`pattern_lists`) and `claims`: one query per table for any number of
/// articles, and every stored kind, role and claim checked as it is read.
package enum PatternLists {
    /// The front matter's lists of texts, as `pattern_lists.list` names them.
    package enum List: String, CaseIterable {
        case tag, alias, related, source, symptom
    }

    /// What a row of `signature_parts` holds, as its `part` column names it.
    package enum SignaturePart: String {
        case state, frame, heap
    }

    /// The `patterns` columns `metadata(_:in:)` needs, for a query on `patterns p`.
    package static let columns =
        "p.id, p.slug, p.title, p.language, p.kind, p.summary, p.affects, p.fixed_in, p.demo, p.path"

    /// The front matter of the articles in `rows` (selected with `columns`), in their order.
    package static func metadata(_ rows: [Row], in db: Database) throws -> [PatternMetadata] {
        guard !rows.isEmpty else { return [] }
        let ids = "[" + rows.map { String($0["id"] as Int64) }.joined(separator: ",") + "]"
        var lists: [Int64: [List: [String]]] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT pattern_id, list, value FROM pattern_lists
                    WHERE pattern_id IN (SELECT value FROM json_each(?)) ORDER BY pattern_id, list, position
                    """), arguments: [ids])
        {
            let list = try row.decodeRaw(List.self, column: "list", what: "front-matter list")
            lists[row["pattern_id"], default: [:]][list, default: []].append(row["value"])
        }
        var claims: [Int64: [ClaimResult.Role: [Claim]]] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT pattern_id, role, text FROM claims
                    WHERE pattern_id IN (SELECT value FROM json_each(?)) ORDER BY pattern_id, position
                    """), arguments: [ids])
        {
            let role = try row.decodeRaw(ClaimResult.Role.self, column: "role", what: "claim role")
            let text: String = row["text"]
            do {
                claims[row["pattern_id"], default: [:]][role, default: []].append(try Claim(text))
            } catch {
                throw UnreadableValue("the stored claim '\(text)' does not parse: \(error)")
            }
        }
        let signatures = try Self.signatures(ids, in: db)
        return try rows.map { row in
            let id: Int64 = row["id"]
            let list = lists[id] ?? [:]
            return PatternMetadata(
                slug: row["slug"], title: row["title"], language: row["language"],
                kind: try row.decodeRaw(Kind.self, column: "kind", what: "kind"),
                tags: list[.tag] ?? [], aliases: list[.alias] ?? [], summary: row["summary"],
                affects: row["affects"], fixedIn: row["fixed_in"], demo: row["demo"],
                claims: claims[id]?[.claim] ?? [], observations: claims[id]?[.observation] ?? [],
                related: list[.related] ?? [], sources: list[.source] ?? [], symptoms: list[.symptom] ?? [],
                signatures: signatures[id] ?? [], path: row["path"])
        }
    }

    /// The signatures of the articles whose ids `ids` lists (a JSON array), in written order.
    private static func signatures(_ ids: String, in db: Database) throws -> [Int64: [Signature]] {
        var parts: [Int64: [Int: [SignaturePart: [String]]]] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT pattern_id, signature, part, value FROM signature_parts
                    WHERE pattern_id IN (SELECT value FROM json_each(?)) ORDER BY pattern_id, signature, part, position
                    """), arguments: [ids])
        {
            let part = try row.decodeRaw(SignaturePart.self, column: "part", what: "signature part")
            parts[row["pattern_id"], default: [:]][row["signature"], default: [:]][part, default: []].append(
                row["value"])
        }
        var found: [Int64: [Signature]] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT pattern_id, position, toolchains, per_creator, at_top FROM signatures
                    WHERE pattern_id IN (SELECT value FROM json_each(?)) ORDER BY pattern_id, position
                    """), arguments: [ids])
        {
            let id: Int64 = row["pattern_id"]
            let position: Int = row["position"]
            let toolchains: String? = row["toolchains"]
            var range: ToolchainRange?
            if let toolchains {
                guard let parsed = ToolchainRange(toolchains) else {
                    throw UnreadableValue("the stored toolchain range '\(toolchains)' does not parse")
                }
                range = parsed
            }
            let perCreator: String? = row["per_creator"]
            var share: PerCreator?
            if let perCreator {
                guard let parsed = PerCreator(rawValue: perCreator) else {
                    throw UnreadableValue("the stored per-creator '\(perCreator)' is neither 'one' nor 'many'")
                }
                share = parsed
            }
            let own = parts[id]?[position] ?? [:]
            found[id, default: []].append(
                Signature(
                    states: own[.state] ?? [], frames: own[.frame] ?? [], heap: own[.heap] ?? [], toolchains: range,
                    perCreator: share, atTop: row["at_top"]))
        }
        return found
    }
}
