import LeakKBModel

/// A template rendered once with stand-ins for some of its values, then
/// filled in for each use by splicing, without Mustache: for templates
/// rendered thousands of times that differ only in a few strings (each
/// Mustache lookup costs microseconds). A stand-in holds an apostrophe,
/// which a template escapes where it escapes the value (`{{name}}`, not
/// `{{{name}}}`), so the stencil knows which uses to escape when it fills
/// them. Filling is exact for values that are strings and that a template
/// prints or opens a section on (Mustache shows a string's section
/// whatever the string), not for one it transforms (`{{count(name)}}`);
/// a random token keeps any real text from being taken for a stand-in.
package struct Stencil: Sendable {
    private struct Slot: Sendable {
        let value: Int
        let escaped: Bool
    }

    /// The text around the stand-ins: one more piece than slots.
    private let pieces: [String]
    private let slots: [Slot]

    /// The stencil of what `render` makes from stand-ins for `names`, given by name.
    package init(_ names: [String], render: ([String: String]) -> String) {
        let token = String(UInt64.random(in: .min ... .max), radix: 36)
        let standIns = names.map { "\u{1}\(token)-\($0)'\u{1}" }
        let text = Array(render(Dictionary(zip(names, standIns)) { first, _ in first }).utf8)
        let forms = standIns.enumerated().flatMap { number, standIn in
            [
                (Array(standIn.utf8), Slot(value: number, escaped: false)),
                (Array(standIn.htmlEscaped.utf8), Slot(value: number, escaped: true)),
            ]
        }
        var pieces: [String] = []
        var slots: [Slot] = []
        var start = 0
        var position = 0
        while position < text.count {
            guard text[position] == 1, let (form, slot) = forms.first(where: { text[position...].starts(with: $0.0) })
            else {
                position += 1
                continue
            }
            pieces.append(String(decoding: text[start..<position], as: UTF8.self))
            slots.append(slot)
            position += form.count
            start = position
        }
        pieces.append(String(decoding: text[start...], as: UTF8.self))
        self.pieces = pieces
        self.slots = slots
    }

    /// The text with `values` (in the order of the names it was made with) in place of the stand-ins.
    package func fill(_ values: [String]) -> String {
        let filled = slots.map { slot in
            let value = slot.value < values.count ? values[slot.value] : ""
            return slot.escaped ? value.htmlEscaped : value
        }
        var text = ""
        text.reserveCapacity(pieces.reduce(0) { $0 + $1.utf8.count } + filled.reduce(0) { $0 + $1.utf8.count })
        for (piece, value) in zip(pieces, filled) {
            text += piece
            text += value
        }
        text += pieces[pieces.count - 1]
        return text
    }
}
