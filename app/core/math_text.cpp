// math_text.cpp — see math_text.h.
#include "math_text.h"

#include <QHash>
#include <QSet>

namespace rwkv::app {
namespace {

using Table = QHash<QString, QString>;

/// Letters and symbols set without spacing (TeX's ordinary atoms and large operators).
const Table& ordinaries() {
    static const Table t = {
        {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"varepsilon", "ε"},
        {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"vartheta", "ϑ"}, {"iota", "ι"}, {"kappa", "κ"},
        {"lambda", "λ"}, {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"}, {"omicron", "ο"}, {"pi", "π"}, {"varpi", "ϖ"},
        {"rho", "ρ"}, {"varrho", "ϱ"}, {"sigma", "σ"}, {"varsigma", "ς"}, {"tau", "τ"}, {"upsilon", "υ"},
        {"phi", "φ"}, {"varphi", "φ"}, {"chi", "χ"}, {"psi", "ψ"}, {"omega", "ω"}, {"Gamma", "Γ"}, {"Delta", "Δ"},
        {"Theta", "Θ"}, {"Lambda", "Λ"}, {"Xi", "Ξ"}, {"Pi", "Π"}, {"Sigma", "Σ"}, {"Upsilon", "Υ"}, {"Phi", "Φ"},
        {"Psi", "Ψ"}, {"Omega", "Ω"}, {"infty", "∞"}, {"partial", "∂"}, {"nabla", "∇"}, {"forall", "∀"},
        {"exists", "∃"}, {"nexists", "∄"}, {"neg", "¬"}, {"lnot", "¬"}, {"emptyset", "∅"}, {"varnothing", "∅"},
        {"ldots", "…"}, {"dots", "…"}, {"dotsc", "…"}, {"dotsb", "⋯"}, {"cdots", "⋯"}, {"vdots", "⋮"},
        {"ddots", "⋱"}, {"prime", "′"}, {"angle", "∠"}, {"triangle", "△"}, {"hbar", "ℏ"}, {"ell", "ℓ"},
        {"Re", "ℜ"}, {"Im", "ℑ"}, {"aleph", "ℵ"}, {"wp", "℘"}, {"degree", "°"}, {"checkmark", "✓"},
        {"square", "□"}, {"Box", "□"}, {"diamond", "◇"}, {"langle", "⟨"}, {"rangle", "⟩"}, {"lfloor", "⌊"},
        {"rfloor", "⌋"}, {"lceil", "⌈"}, {"rceil", "⌉"}, {"vert", "|"}, {"lvert", "|"}, {"rvert", "|"},
        {"Vert", "‖"}, {"lVert", "‖"}, {"rVert", "‖"}, {"lbrace", "{"}, {"rbrace", "}"}, {"therefore", "∴"},
        {"because", "∵"}, {"sum", "∑"}, {"prod", "∏"}, {"coprod", "∐"}, {"int", "∫"}, {"iint", "∬"},
        {"iiint", "∭"}, {"oint", "∮"}, {"bigcup", "⋃"}, {"bigcap", "⋂"}, {"bigoplus", "⨁"}, {"bigotimes", "⨂"},
        {"dagger", "†"}, {"ddagger", "‡"}, {"S", "§"}, {"P", "¶"}, {"copyright", "©"}, {"top", "⊤"},
        {"bot", "⊥"}, {"flat", "♭"}, {"sharp", "♯"}, {"natural", "♮"}, {"clubsuit", "♣"}, {"heartsuit", "♡"},
        {"quad", "\u2003"}, {"qquad", "\u2003\u2003"}, {"colon", ":"}, {"cdotp", "·"}, {"textbackslash", "\\"},
        {"backslash", "\\"}, {"imath", "ı"}, {"jmath", "ȷ"}, {"mho", "℧"}, {"Finv", "Ⅎ"}, {"beth", "ℶ"},
    };
    return t;
}

/// TeX's binary operators: spaced on both sides.
const Table& binaries() {
    static const Table t = {
        {"times", "×"}, {"cdot", "⋅"}, {"div", "÷"}, {"pm", "±"}, {"mp", "∓"}, {"ast", "∗"}, {"star", "⋆"},
        {"circ", "∘"}, {"bullet", "∙"}, {"oplus", "⊕"}, {"ominus", "⊖"}, {"otimes", "⊗"}, {"odot", "⊙"},
        {"cup", "∪"}, {"cap", "∩"}, {"setminus", "∖"}, {"wedge", "∧"}, {"land", "∧"}, {"vee", "∨"}, {"lor", "∨"},
        {"sqcup", "⊔"}, {"sqcap", "⊓"}, {"uplus", "⊎"}, {"wr", "≀"}, {"amalg", "⨿"},
    };
    return t;
}

/// TeX's relations and arrows: spaced on both sides.
const Table& relations() {
    static const Table t = {
        {"leq", "≤"}, {"le", "≤"}, {"geq", "≥"}, {"ge", "≥"}, {"leqslant", "⩽"}, {"geqslant", "⩾"}, {"neq", "≠"},
        {"ne", "≠"}, {"approx", "≈"}, {"equiv", "≡"}, {"sim", "∼"}, {"simeq", "≃"}, {"cong", "≅"}, {"propto", "∝"},
        {"ll", "≪"}, {"gg", "≫"}, {"in", "∈"}, {"notin", "∉"}, {"ni", "∋"}, {"subset", "⊂"}, {"subseteq", "⊆"},
        {"supset", "⊃"}, {"supseteq", "⊇"}, {"subsetneq", "⊊"}, {"to", "→"}, {"rightarrow", "→"},
        {"leftarrow", "←"}, {"gets", "←"}, {"Rightarrow", "⇒"}, {"Leftarrow", "⇐"}, {"leftrightarrow", "↔"},
        {"Leftrightarrow", "⇔"}, {"iff", "⟺"}, {"implies", "⟹"}, {"impliedby", "⟸"}, {"mapsto", "↦"},
        {"longrightarrow", "⟶"}, {"longleftarrow", "⟵"}, {"Longrightarrow", "⟹"}, {"Longleftarrow", "⟸"},
        {"longleftrightarrow", "⟷"}, {"Longleftrightarrow", "⟺"}, {"longmapsto", "⟼"}, {"uparrow", "↑"},
        {"downarrow", "↓"}, {"Uparrow", "⇑"}, {"Downarrow", "⇓"}, {"perp", "⊥"}, {"parallel", "∥"}, {"mid", "∣"},
        {"nmid", "∤"}, {"coloneqq", "≔"}, {"prec", "≺"}, {"succ", "≻"}, {"preceq", "⪯"}, {"succeq", "⪰"},
        {"vdash", "⊢"}, {"models", "⊨"}, {"asymp", "≍"}, {"doteq", "≐"}, {"lesssim", "≲"}, {"gtrsim", "≳"},
        {"nleq", "≰"}, {"ngeq", "≱"}, {"hookrightarrow", "↪"}, {"rightleftharpoons", "⇌"},
    };
    return t;
}

/// Function names set upright, as TeX's \sin does.
const QSet<QString>& functionNames() {
    static const QSet<QString> s = {"sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh",
                                    "cosh", "tanh", "coth", "log", "ln", "lg", "exp", "lim", "liminf", "limsup", "max",
                                    "min", "sup", "inf", "det", "dim", "ker", "deg", "gcd", "arg", "Pr", "hom"};
    return s;
}

/// Combining marks of the accent commands, put after each character of their argument.
const Table& accents() {
    static const Table t = {
        {"hat", "\u0302"}, {"widehat", "\u0302"}, {"bar", "\u0304"}, {"overline", "\u0305"}, {"tilde", "\u0303"},
        {"widetilde", "\u0303"}, {"vec", "\u20D7"}, {"overrightarrow", "\u20D7"}, {"dot", "\u0307"},
        {"ddot", "\u0308"}, {"check", "\u030C"}, {"breve", "\u0306"}, {"acute", "\u0301"}, {"grave", "\u0300"},
        {"underline", "\u0332"},
    };
    return t;
}

/// A character table from two strings of equal length (`from[i]` → `to[i]`); a space maps to nothing.
QHash<QChar, QString> scriptTable(const QString& from, const QString& to) {
    QHash<QChar, QString> h;
    for (qsizetype i = 0; i < from.size() && i < to.size(); ++i) h.insert(from[i], QString(to[i]));
    h.insert(u' ', QString());
    return h;
}

/// Raised forms (Unicode's superscripts and modifier letters).
const QHash<QChar, QString>& raised() {
    static const QHash<QChar, QString> t =
        scriptTable(QStringLiteral("0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδθφχ′∘°*∗†"),
                    QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᶿᵠᵡ′°°**†"));
    return t;
}

/// Lowered forms (Unicode's subscripts).
const QHash<QChar, QString>& lowered() {
    static const QHash<QChar, QString> t = scriptTable(QStringLiteral("0123456789+-−=()aehijklmnoprstuvxβγρφχ"),
                                                       QStringLiteral("₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"));
    return t;
}

/// \frac of two small whole numbers as one character, where Unicode has it.
QString vulgarFraction(const QString& a, const QString& b) {
    static const QHash<QString, QString> t = {
        {"1/2", "½"}, {"1/3", "⅓"}, {"2/3", "⅔"}, {"1/4", "¼"}, {"3/4", "¾"}, {"1/5", "⅕"}, {"2/5", "⅖"},
        {"3/5", "⅗"}, {"4/5", "⅘"}, {"1/6", "⅙"}, {"5/6", "⅚"}, {"1/8", "⅛"}, {"3/8", "⅜"}, {"5/8", "⅝"},
        {"7/8", "⅞"},
    };
    return t.value(a + u'/' + b);
}

/// A double-struck letter (\mathbb): the letterlike symbols where Unicode put them, else the math alphanumerics.
QString doubleStruck(QChar c) {
    static const QHash<QChar, QString> letterlike = {{u'C', "ℂ"}, {u'H', "ℍ"}, {u'N', "ℕ"}, {u'P', "ℙ"},
                                                     {u'Q', "ℚ"}, {u'R', "ℝ"}, {u'Z', "ℤ"}};
    if (letterlike.contains(c)) return letterlike.value(c);
    char32_t code = 0;
    if (c >= u'A' && c <= u'Z') code = 0x1D538 + (c.unicode() - u'A');
    else if (c >= u'a' && c <= u'z') code = 0x1D552 + (c.unicode() - u'a');
    else if (c >= u'0' && c <= u'9') code = 0x1D7D8 + (c.unicode() - u'0');
    else return QString(c);
    return QString::fromUcs4(&code, 1);
}

/// Whether `x` reads as one term without brackets after "/" or "√": outside brackets only letters, digits, a decimal
/// point, primes, raised and lowered characters and combining marks ("2c", "n(n + 1)", "x²"), brackets balanced.
bool isSimple(const QString& x) {
    int depth = 0;
    for (const QChar c : x) {
        if (c == u'(' || c == u'[') {
            ++depth;
            continue;
        }
        if (c == u')' || c == u']') {
            if (--depth < 0) return false;
            continue;
        }
        if (depth > 0) continue;
        if (c.isLetterOrNumber() || c == u'.' || c == u'′' || c.isMark() || c.isSurrogate()) continue;
        if (raised().key(QString(c), QChar()) != QChar() || lowered().key(QString(c), QChar()) != QChar()) continue;
        return false;
    }
    return depth == 0;
}

/// The characters of `s` each followed by `mark` (spaces left out).
QString withMark(const QString& s, const QString& mark) {
    QString out;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isSpace()) continue;
        out += s[i];
        if (s[i].isHighSurrogate() && i + 1 < s.size()) out += s[++i];
        out += mark;
    }
    return out;
}

/// Collapses runs of spaces, drops the spaces just inside brackets and before punctuation and around line breaks.
QString tidy(const QString& in) {
    QString out;
    out.reserve(in.size());
    for (const QChar c : in) {
        if (c == u' ') {
            if (out.isEmpty() || out.back() == u' ' || out.back() == u'\n' || out.back() == u'(' ||
                out.back() == u'[' || out.back() == u'{' || out.back() == u'\u2003')
                continue;
            out += c;
            continue;
        }
        if ((c == u')' || c == u']' || c == u'}' || c == u',' || c == u';' || c == u'\n' || c == u'.') &&
            !out.isEmpty() && out.back() == u' ')
            out.chop(1);
        out += c;
    }
    while (out.endsWith(u' ')) out.chop(1);
    return out;
}

/// A recursive reader of one TeX math expression. Nesting deeper than kMaxDepth is read as text (a reply of 10,000
/// "{" must not overflow the stack).
class TexReader {
public:
    TexReader(QStringView s, bool display) : s_(s), display_(display) {}

    QString read() {
        QString out;
        readUntil(out, Stop::End);
        return tidy(out);
    }

private:
    enum class Stop { End, Brace, Bracket, Environment };
    static constexpr int kMaxDepth = 64;

    bool atEnd() const { return pos_ >= s_.size(); }
    QChar peek() const { return atEnd() ? QChar() : s_[pos_]; }
    void skipSpaces() {
        while (!atEnd() && s_[pos_].isSpace()) ++pos_;
    }

    /// Reads into `out` until `stop` (consumed) or the end of the text.
    void readUntil(QString& out, Stop stop) {
        while (!atEnd()) {
            const QChar c = s_[pos_];
            if (stop == Stop::Brace && c == u'}') {
                ++pos_;
                return;
            }
            if (stop == Stop::Bracket && c == u']') {
                ++pos_;
                return;
            }
            if (stop == Stop::Environment && c == u'\\' && s_.mid(pos_).startsWith(u"\\end")) {
                pos_ += 4;
                rawArgument();
                return;
            }
            readUnit(out);
        }
    }

    /// One unit into `out`: a group, a command, a script, a character.
    void readUnit(QString& out) {
        const QChar c = s_[pos_];
        if (c == u'{') {
            ++pos_;
            if (depth_ >= kMaxDepth) {
                out += u'{';
                return;
            }
            ++depth_;
            readUntil(out, Stop::Brace);
            --depth_;
        } else if (c == u'^' || c == u'_') {
            ++pos_;
            out += script(argument(), c == u'^');
        } else if (c == u'\\') {
            command(out);
        } else if (c == u'&') {
            ++pos_;
            out += cellSeparator_;
        } else if (c.isSpace()) {
            skipSpaces();  // TeX ignores spaces in math: the symbols' classes space them (a relation, an operator)
        } else {
            ++pos_;
            if (c == u'-' || c == u'+') {
                const QChar sign = c == u'-' ? u'−' : u'+';
                // Binary between two terms, spaced; unary at the start of a group or after an operator or bracket.
                const bool unary = out.trimmed().isEmpty() || QStringView(u"([{,;= \u2003").contains(out.back());
                out += unary ? QString(sign) : QString(u' ') + sign + u' ';
            } else if (c == u'*') out += QStringLiteral(" ∗ ");
            else if (c == u',') out += QStringLiteral(", ");  // TeX's thin space after a comma in math
            else if (c == u'\'') out += u'′';
            else if (c == u'~') out += u'\u00A0';
            else if (c == u'=' || c == u'<' || c == u'>') out += QString(u' ') + c + u' ';
            else {
                out += c;
                if (c.isHighSurrogate() && !atEnd()) out += s_[pos_++];
            }
        }
    }

    /// A command's or a script's argument, read: a group, a command, or one character.
    QString argument() {
        skipSpaces();
        if (atEnd()) return {};
        QString out;
        if (depth_ >= kMaxDepth) {
            out += s_[pos_++];
            return out;
        }
        ++depth_;
        readUnit(out);
        --depth_;
        return tidy(out);
    }

    /// A group's text as written (\text, \begin's name), without reading it as math; one character if no group.
    QString rawArgument() {
        skipSpaces();
        if (atEnd()) return {};
        if (s_[pos_] != u'{') return QString(s_[pos_++]);
        const qsizetype start = ++pos_;
        int depth = 1;
        while (!atEnd()) {
            const QChar c = s_[pos_];
            if (c == u'\\') {
                pos_ += 2;
                continue;
            }
            if (c == u'{') ++depth;
            if (c == u'}' && --depth == 0) break;
            ++pos_;
        }
        const qsizetype end = qMin(pos_, s_.size());
        pos_ = qMin(pos_ + 1, s_.size());
        return s_.mid(start, end - start).toString();
    }

    QString script(const QString& arg, bool up) const {
        const auto& table = up ? raised() : lowered();
        QString mapped;
        bool all = !arg.isEmpty();
        for (const QChar c : arg) {
            const auto it = table.constFind(c);
            if (it == table.constEnd()) {
                all = false;
                break;
            }
            mapped += *it;
        }
        if (all) return mapped;
        const QChar sign = up ? u'^' : u'_';
        const bool one = arg.size() == 1 || (arg.size() == 2 && arg[0].isHighSurrogate());
        return one ? sign + arg : sign + (u'(' + arg + u')');
    }

    void command(QString& out) {
        ++pos_;  // the backslash
        if (atEnd()) {
            out += u'\\';
            return;
        }
        QString name;
        if (s_[pos_].isLetter() && s_[pos_].unicode() < 128) {
            const qsizetype start = pos_;
            while (!atEnd() && s_[pos_].isLetter() && s_[pos_].unicode() < 128) ++pos_;
            name = s_.mid(start, pos_ - start).toString();
        } else {
            const QChar c = s_[pos_++];
            switch (c.unicode()) {
            case u',': out += u'\u2009'; return;
            case u';': case u':': case u'>': case u' ': out += u' '; return;
            case u'!': return;
            case u'|': out += u'‖'; return;
            case u'\\': out += display_ || inEnvironment_ ? rowSeparator() : QStringLiteral("; "); return;
            default: out += c; return;  // \{ \} \% \$ \& \# \_ and the like
            }
        }
        if (const auto it = ordinaries().constFind(name); it != ordinaries().constEnd()) {
            out += *it;
            if (isBigOperator(name)) scriptsAndSpace(out);
        } else if (const auto b = binaries().constFind(name); b != binaries().constEnd()) {
            out += u' ' + *b + u' ';
        } else if (const auto r = relations().constFind(name); r != relations().constEnd()) {
            out += u' ' + *r + u' ';
        } else if (functionNames().contains(name)) {
            functionName(out, name);
        } else if (const auto a = accents().constFind(name); a != accents().constEnd()) {
            out += withMark(argument(), *a);
        } else if (name == u"frac" || name == u"dfrac" || name == u"tfrac" || name == u"cfrac") {
            const QString num = argument();
            const QString den = argument();
            const QString vulgar = vulgarFraction(num, den);
            out += !vulgar.isEmpty() ? vulgar : parenthesized(num) + u'/' + parenthesized(den);
            scriptsAndSpace(out);
        } else if (name == u"sqrt") {
            skipSpaces();
            QString index;
            if (peek() == u'[') {
                ++pos_;
                readUntil(index, Stop::Bracket);
                index = tidy(index);
            }
            const QString radicand = argument();
            const QString sign = index.isEmpty() ? QStringLiteral("√") : index == u"3" ? QStringLiteral("∛")
                                 : index == u"4"                       ? QStringLiteral("∜")
                                                                       : script(index, true) + u'√';
            out += sign + parenthesized(radicand);
            scriptsAndSpace(out);
        } else if (name == u"binom" || name == u"dbinom" || name == u"tbinom") {
            const QString n = argument();
            const QString k = argument();
            out += QStringLiteral("C(") + n + QStringLiteral(", ") + k + u')';
        } else if (name == u"mathbb" || name == u"Bbb" || name == u"mathbbm") {
            for (const QChar c : rawArgument())
                if (!c.isSpace()) out += doubleStruck(c);
        } else if (name == u"text" || name == u"textrm" || name == u"textbf" || name == u"textit" ||
                   name == u"textsf" || name == u"texttt" || name == u"mbox" || name == u"textnormal") {
            out += rawArgument();
        } else if (name == u"operatorname") {
            functionName(out, rawArgument());
        } else if (name == u"mathrm" || name == u"mathbf" || name == u"mathit" || name == u"mathsf" ||
                   name == u"mathtt" || name == u"boldsymbol" || name == u"bm" || name == u"mathcal" ||
                   name == u"mathscr" || name == u"mathfrak" || name == u"boxed" || name == u"overbrace" ||
                   name == u"underbrace" || name == u"mathring") {
            out += argument();
        } else if (name == u"left" || name == u"right" || name == u"middle" || name.startsWith(u"big") ||
                   name.startsWith(u"Big")) {
            skipSpaces();
            if (peek() == u'.') ++pos_;
            else if (!atEnd()) readUnit(out);
        } else if (name == u"not") {
            QString next = argument().trimmed();
            out += next == u"=" ? QStringLiteral(" ≠ ") : next == u"∈" ? QStringLiteral(" ∉ ")
                                                         : u' ' + withMark(next, QStringLiteral("\u0338")) + u' ';
        } else if (name == u"pmod") {
            out += QStringLiteral(" (mod ") + argument() + u')';
        } else if (name == u"bmod" || name == u"mod") {
            out += QStringLiteral(" mod ");
        } else if (name == u"tag") {
            out += QStringLiteral("\u2003(") + rawArgument() + u')';
        } else if (name == u"overset" || name == u"stackrel" || name == u"underset") {
            const QString over = argument();
            out += argument() + script(over, name != u"underset");
        } else if (name == u"textcolor") {
            rawArgument();
            out += argument();
        } else if (name == u"label" || name == u"color" || name == u"phantom" || name == u"vspace") {
            rawArgument();
        } else if (name == u"hspace") {
            rawArgument();
            out += u' ';
        } else if (name == u"displaystyle" || name == u"textstyle" || name == u"scriptstyle" || name == u"limits" ||
                   name == u"nolimits" || name == u"nonumber" || name == u"notag") {
        } else if (name == u"begin") {
            environment(out);
        } else if (name == u"end") {
            rawArgument();  // an \end without its \begin
        } else {
            out += u'\\' + name;  // unknown: shown as written, its groups with their braces (not "\\foox")
            while (peek() == u'{') out += u'{' + rawArgument() + u'}';
        }
    }

    /// An upright function name, apart from a letter or digit before it and from a letter or command after it.
    void functionName(QString& out, const QString& name) {
        if (!out.isEmpty() && out.back().isLetterOrNumber()) out += u' ';
        out += name;
        scriptsAndSpace(out);
    }

    /// After a function name, a big operator, a fraction or a root: its scripts ("\sin^2", "\sum_{i=1}^n"), then a
    /// space when a letter, a digit or a command follows ("sin² θ", "d/dx f"), where TeX's layout shows them apart.
    void scriptsAndSpace(QString& out) {
        for (skipSpaces(); !atEnd() && (s_[pos_] == u'^' || s_[pos_] == u'_'); skipSpaces()) {
            const bool up = s_[pos_++] == u'^';
            out += script(argument(), up);
        }
        if (!atEnd() && (s_[pos_].isLetterOrNumber() || (s_[pos_] == u'\\' && pos_ + 1 < s_.size() &&
                                                          s_[pos_ + 1].isLetter())))
            out += u' ';
    }

    static bool isBigOperator(const QString& name) {
        static const QSet<QString> s = {"sum", "prod", "coprod", "int", "iint", "iiint", "oint", "bigcup", "bigcap",
                                        "bigoplus", "bigotimes"};
        return s.contains(name);
    }

    QString parenthesized(const QString& x) const { return isSimple(x) ? x : u'(' + x + u')'; }

    QString rowSeparator() const { return display_ ? QStringLiteral("\n") : QStringLiteral("; "); }

    /// \begin{name} … \end{name}: rows by rowSeparator, cells by a space (an em space in cases and arrays), and the
    /// brackets of the matrix kinds.
    void environment(QString& out) {
        const QString name = rawArgument();
        if (name == u"array" || name == u"tabular" || name == u"alignat" || name == u"alignat*") rawArgument();
        const QString saved = cellSeparator_;
        const bool savedIn = inEnvironment_;
        const bool aligned = name.startsWith(u"align") || name == u"split" || name.startsWith(u"gather") ||
                             name.startsWith(u"eqnarray");
        cellSeparator_ = aligned ? QStringLiteral(" ") : QStringLiteral("\u2003");
        inEnvironment_ = true;
        QString body;
        if (depth_ < kMaxDepth) {
            ++depth_;
            readUntil(body, Stop::Environment);
            --depth_;
        }
        cellSeparator_ = saved;
        inEnvironment_ = savedIn;
        body = tidy(body).trimmed();
        while (body.endsWith(u';')) body = body.chopped(1).trimmed();  // a row break after the last row
        if (name == u"pmatrix") out += u'(' + body + u')';
        else if (name == u"bmatrix") out += u'[' + body + u']';
        else if (name == u"Bmatrix") out += u'{' + body + u'}';
        else if (name == u"vmatrix") out += u'|' + body + u'|';
        else if (name == u"Vmatrix") out += u'‖' + body + u'‖';
        else if (name == u"cases") out += QStringLiteral("{\u2009") + body;
        else out += body;
    }

    QStringView s_;
    bool display_;
    qsizetype pos_ = 0;
    int depth_ = 0;
    QString cellSeparator_ = QStringLiteral(" ");
    bool inEnvironment_ = false;
};

/// The converted text escaped for Markdown: the characters it could read as markup get a backslash.
QString escapedForMarkdown(const QString& text) {
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (QStringView(u"\\`*_[]#|~$&>").contains(c)) out += u'\\';
        out += c;
    }
    return out;
}

bool holdsBlankLine(QStringView s) {
    for (qsizetype i = s.indexOf(u'\n'); i >= 0; i = s.indexOf(u'\n', i + 1)) {
        qsizetype j = i + 1;
        while (j < s.size() && (s[j] == u' ' || s[j] == u'\t' || s[j] == u'\r')) ++j;
        if (j < s.size() && s[j] == u'\n') return true;
    }
    return false;
}

/// Whether a `$…$` span's text reads as math rather than prose between two dollar amounts or shell variables.
bool looksLikeMath(QStringView s) {
    if (s.contains(u'\\')) return true;
    int words = 0;  // runs of 2+ letters: "20 and the tax is 2" is prose
    for (qsizetype i = 0; i < s.size();) {
        if (!s[i].isLetter()) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < s.size() && s[j].isLetter()) ++j;
        if (j - i >= 2) ++words;
        i = j;
    }
    if (words >= 3) return false;
    for (const QChar c : s)
        if (c.isDigit() || QStringView(u"^_=+<>(){}").contains(c)) return true;
    return s.size() <= 3;
}

/// Where the `$` closing an inline span opened at `open` is, or -1: the next `$`, when it closes by Pandoc's rule (no
/// space before it, no digit after it). A `$` that does not close ends the search, as a `$` ends inline math in TeX, and
/// so do a backtick (a code span binds tighter than math) and a blank line. Searching on past them made "$5 and $10, a
/// rise of $\Delta p$" one span from "$5" (session 48's trial).
qsizetype closingDollar(QStringView s, qsizetype open) {
    for (qsizetype j = open + 1; j < s.size(); ++j) {
        if (s[j] == u'\\') {
            ++j;
            continue;
        }
        if (s[j] == u'\n') {  // a blank line ends the paragraph, and with it any span
            qsizetype k = j + 1;
            while (k < s.size() && (s[k] == u' ' || s[k] == u'\t' || s[k] == u'\r')) ++k;
            if (k < s.size() && s[k] == u'\n') return -1;
            continue;
        }
        if (s[j] == u'`') return -1;
        if (s[j] != u'$') continue;
        if (j == open + 1) return -1;  // "$$" is not an empty inline span
        if (s[j - 1].isSpace()) return -1;
        if (j + 1 < s.size() && s[j + 1].isDigit()) return -1;
        return j;
    }
    return -1;
}

/// The indentation (spaces and tabs) of the line `at` is on, as written.
QString lineIndent(QStringView s, qsizetype at) {
    qsizetype start = at;
    while (start > 0 && s[start - 1] != u'\n') --start;
    qsizetype end = start;
    while (end < at && (s[end] == u' ' || s[end] == u'\t')) ++end;
    return s.mid(start, end - start).toString();
}

}  // namespace

QString texToUnicode(QStringView tex, bool display) {
    // Composed where Unicode has the character (ŷ, not y + U+0302): fonts draw those best.
    return TexReader(tex, display).read().normalized(QString::NormalizationForm_C);
}

QString renderMath(const QString& markdown) {
    const QStringView s(markdown);
    if (!s.contains(u'$') && !s.contains(u"\\(") && !s.contains(u"\\[")) return markdown;
    QString out;
    out.reserve(markdown.size());
    qsizetype copied = 0;
    const auto replace = [&](qsizetype from, qsizetype to, QStringView tex, bool display) {
        QString text = escapedForMarkdown(texToUnicode(tex, display));
        if (display) text.replace(u'\n', u'\n' + lineIndent(s, from));
        out += s.mid(copied, from - copied);
        out += text;
        copied = to;
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == u'`') {  // a code span: left as written
            qsizetype run = i;
            while (run < s.size() && s[run] == u'`') ++run;
            const QStringView ticks = s.mid(i, run - i);
            qsizetype close = s.indexOf(ticks, run);
            while (close >= 0 && close + ticks.size() < s.size() && s[close + ticks.size()] == u'`')
                close = s.indexOf(ticks, close + ticks.size() + 1);
            i = close >= 0 ? close + ticks.size() - 1 : run - 1;
            continue;
        }
        if (c == u'\\' && i + 1 < s.size()) {
            const QChar n = s[i + 1];
            if (n == u'(' || n == u'[') {
                const QStringView closer = n == u'(' ? u"\\)" : u"\\]";
                const qsizetype close = s.indexOf(closer, i + 2);
                if (close > i + 2 && !holdsBlankLine(s.mid(i + 2, close - i - 2))) {
                    replace(i, close + 2, s.mid(i + 2, close - i - 2), n == u'[');
                    i = close + 1;
                    continue;
                }
            }
            ++i;  // an escaped character ("\$" too) stays as written
            continue;
        }
        if (c != u'$') continue;
        if (i + 1 < s.size() && s[i + 1] == u'$') {
            const qsizetype close = s.indexOf(u"$$", i + 2);
            const QStringView tex = close >= 0 ? s.mid(i + 2, close - i - 2) : QStringView();
            if (close >= 0 && !tex.trimmed().isEmpty() && !holdsBlankLine(tex)) {
                replace(i, close + 2, tex, true);
                i = close + 1;
            } else {
                ++i;
            }
            continue;
        }
        if (i + 1 >= s.size() || s[i + 1].isSpace()) continue;
        const qsizetype close = closingDollar(s, i);
        if (close < 0 || !looksLikeMath(s.mid(i + 1, close - i - 1))) continue;
        replace(i, close + 1, s.mid(i + 1, close - i - 1), false);
        i = close;
    }
    if (copied == 0) return markdown;
    out += s.mid(copied);
    return out;
}

}  // namespace rwkv::app
