// The Python editor of the assignment page: CodeMirror 6 over the page's own textarea, which stays the form field
// (and the whole editor without JavaScript). Tab indents, as children expect in Python; Esc then Tab leaves the
// editor, which the page says next to it.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching, indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";

function attach(textarea) {
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    const host = document.createElement("div");
    host.className = "code-editor";
    textarea.after(host);
    const view = new EditorView({
        parent: host,
        state: EditorState.create({
            doc: textarea.value,
            extensions: [
                lineNumbers(),
                history(),
                drawSelection(),
                highlightActiveLine(),
                indentOnInput(),
                bracketMatching(),
                indentUnit.of("    "),
                syntaxHighlighting(defaultHighlightStyle),
                python(),
                keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap]),
                EditorView.contentAttributes.of({
                    "aria-label": label ? label.textContent : "Python",
                    "aria-describedby": textarea.getAttribute("aria-describedby") || "",
                    "data-testid": "python-editor",
                    autocapitalize: "none",
                    spellcheck: "false",
                }),
                // The textarea is what the form sends.
                EditorView.updateListener.of(update => {
                    if (update.docChanged) textarea.value = update.state.doc.toString();
                }),
            ],
        }),
    });
    textarea.hidden = true;
    if (label) label.addEventListener("click", () => view.focus());
}

document.querySelectorAll("textarea[data-python-editor]").forEach(attach);
