// test_math_text.cpp — TeX math in replies as Unicode text: texToUnicode (one formula) and renderMath (which spans of
// a Markdown prose part are math, and what they become). Code: app/core/math_text.*
#include <QtTest>

#include "math_text.h"

using rwkv::app::renderMath;
using rwkv::app::texToUnicode;

class TestMathText : public QObject {
    Q_OBJECT

private slots:
    void formula_data() {
        QTest::addColumn<QString>("tex");
        QTest::addColumn<QString>("shown");
        // Scripts: raised / lowered characters where every character has one, else "^(…)".
        QTest::newRow("square") << "x^2" << "x²";
        QTest::newRow("power group") << "e^{-x^2}" << "e^(−x²)";
        QTest::newRow("raised word") << "2^{n+1}" << "2ⁿ⁺¹";
        QTest::newRow("inverse") << "A^{-1}" << "A⁻¹";
        QTest::newRow("transpose") << "A^T" << "Aᵀ";
        QTest::newRow("index") << "x_i + x_{n-1}" << "xᵢ + xₙ₋₁";
        QTest::newRow("no lowered q") << "a_q" << "a_q";
        QTest::newRow("mixed script") << "e^{i\\pi}" << "e^(iπ)";
        QTest::newRow("degrees") << "90^\\circ" << "90°";
        QTest::newRow("prime") << "f'(x) = f^{\\prime}" << "f′(x) = f′";
        // Big operators with limits.
        QTest::newRow("sum") << "\\sum_{i=1}^{n} i" << "∑ᵢ₌₁ⁿ i";
        QTest::newRow("integral") << "\\int_0^1 x\\,dx" << "∫₀¹ x\u2009dx";
        QTest::newRow("limit") << "\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1" << "lim_(x → 0) (sin x)/x = 1";
        // Fractions and roots.
        QTest::newRow("half") << "\\frac{1}{2}" << "½";
        QTest::newRow("simple fraction") << "\\frac{a}{b}" << "a/b";
        QTest::newRow("compound fraction") << "\\frac{a+b}{2c}" << "(a + b)/2c";
        QTest::newRow("fraction of commands") << "\\dfrac\\pi4" << "π/4";
        QTest::newRow("root") << "\\sqrt{2}" << "√2";
        QTest::newRow("root of a sum") << "\\sqrt{a^2+b^2}" << "√(a² + b²)";
        QTest::newRow("cube root") << "\\sqrt[3]{x}" << "∛x";
        QTest::newRow("nth root") << "\\sqrt[n]{x}" << "ⁿ√x";
        QTest::newRow("quadratic") << "x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}" << "x = (−b ± √(b² − 4ac))/2a";
        // Symbols, relations, spacing.
        QTest::newRow("greek") << "\\alpha\\beta\\Gamma\\omega" << "αβΓω";
        QTest::newRow("relations spaced") << "a\\leq b\\neq c" << "a ≤ b ≠ c";
        QTest::newRow("binary spaced") << "a\\times b\\cdot c" << "a × b ⋅ c";
        QTest::newRow("arrows") << "A\\Rightarrow B\\iff C" << "A ⇒ B ⟺ C";
        QTest::newRow("sets") << "x\\in\\mathbb{R}^n" << "x ∈ ℝⁿ";
        QTest::newRow("double struck") << "\\mathbb{N}\\subseteq\\mathbb{Z}" << "ℕ ⊆ ℤ";
        QTest::newRow("not") << "a \\not= b, x\\not\\in S" << "a ≠ b, x ∉ S";
        QTest::newRow("function names") << "\\sin^2\\theta+\\cos^2\\theta=1" << "sin² θ + cos² θ = 1";
        QTest::newRow("log base") << "\\log_2 n" << "log₂ n";
        QTest::newRow("operatorname") << "\\operatorname{softmax}(x)" << "softmax(x)";
        QTest::newRow("text keeps spaces") << "x \\text{ if } x>0" << "x if x > 0";
        QTest::newRow("fonts") << "\\mathbf{v} + \\boldsymbol{\\mu}" << "v + μ";
        QTest::newRow("accents") << "\\hat{y} = \\vec{v}\\cdot\\bar{x}" << "ŷ = v⃗ ⋅ x̄";
        QTest::newRow("delimiters") << "\\left( \\frac{a}{b} \\right)" << "(a/b)";
        QTest::newRow("invisible delimiter") << "\\left. x \\right|_0^1" << "x|₀¹";
        QTest::newRow("norm") << "\\|x\\|_2" << "‖x‖₂";
        QTest::newRow("braces") << "\\{1, 2\\}" << "{1, 2}";
        QTest::newRow("mod") << "a \\equiv b \\pmod{n}" << "a ≡ b (mod n)";
        QTest::newRow("binomial") << "\\binom{n}{k}" << "C(n, k)";
        QTest::newRow("quad") << "a \\quad b" << "a\u2003b";
        QTest::newRow("tilde space") << "a~b" << "a\u00A0b";
        // Environments, inline.
        QTest::newRow("pmatrix") << "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}" << "(a\u2003b; c\u2003d)";
        QTest::newRow("cases") << "f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}"
                               << "f(x) = {\u20091\u2003x > 0; 0\u2003otherwise";
        // Never fails: what cannot be read stays visible.
        QTest::newRow("unknown command") << "\\foo{x}" << "\\foo{x}";
        QTest::newRow("unknown command, two groups") << "\\foo{a}{b^2} + 1" << "\\foo{a}{b^2} + 1";
        QTest::newRow("trailing backslash") << "x\\" << "x\\";
        QTest::newRow("unbalanced open") << "\\frac{a" << "a/";
        QTest::newRow("unbalanced close") << "a}b" << "a}b";
        QTest::newRow("empty") << "" << "";
    }
    void formula() {
        QFETCH(QString, tex);
        QFETCH(QString, shown);
        QCOMPARE(texToUnicode(tex), shown);
    }

    // Display math: `\\` is a new line, rows of an environment are lines.
    void displayRowsAreLines() {
        QCOMPARE(texToUnicode(u"\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", true), QStringLiteral("a = b\nc = d"));
        QCOMPARE(texToUnicode(u"\\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}", true),
                 QStringLiteral("[1\u20030\n0\u20031]"));
    }

    // 10,000 nested groups or arguments: read as text past a depth, no stack overflow.
    void deepNestingIsText() {
        const QString opens(10000, u'{');
        const QString shown = texToUnicode(opens + u'x');
        QVERIFY(shown.endsWith(u'x'));
        QVERIFY(shown.count(u'{') > 9000);
        QString fracs;
        for (int i = 0; i < 5000; ++i) fracs += QStringLiteral("\\frac");
        QVERIFY(!texToUnicode(fracs + QStringLiteral("ab")).isEmpty());
        QString roots;
        for (int i = 0; i < 5000; ++i) roots += QStringLiteral("\\sqrt");
        QVERIFY(texToUnicode(roots + u'x').contains(u'x'));
    }

    void spans_data() {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("shown");
        QTest::newRow("inline paren") << "The area is \\(\\pi r^2\\)." << "The area is πr².";
        QTest::newRow("inline dollar") << "Let $x_1$ and $y$ be reals." << "Let x₁ and y be reals.";
        QTest::newRow("display dollars") << "Solve\n\n$$x^2 = 4$$\n\nthen" << "Solve\n\nx² = 4\n\nthen";
        QTest::newRow("display brackets") << "\\[\n\\sum_{k=1}^n k = \\frac{n(n+1)}{2}\n\\]"
                                          << "∑ₖ₌₁ⁿ k = n(n + 1)/2";
        QTest::newRow("display lines indented in a list")
            << "1. First\n   $$\\begin{aligned} a &= 1 \\\\ b &= 2 \\end{aligned}$$"
            << "1. First\n   a = 1\n   b = 2";
        // Markdown characters in the result are escaped, so they stay text.
        QTest::newRow("escaped for markdown") << "$a_q * b$" << "a\\_q ∗ b";
        QTest::newRow("pipe in a table cell") << "| $\\|x\\|$ | 1 |" << "| ‖x‖ | 1 |";
        QTest::newRow("abs in a table cell") << "| $|x|$ |" << "| \\|x\\| |";
        // Not math.
        QTest::newRow("prices") << "It costs $5 and $10." << "It costs $5 and $10.";
        QTest::newRow("price range") << "From $5-$10 a day" << "From $5-$10 a day";
        QTest::newRow("prose between dollars") << "The price is $20 and the tax is 2$." << "The price is $20 and the tax is 2$.";
        QTest::newRow("shell variables") << "Use $HOME/$PATH here" << "Use $HOME/$PATH here";
        // A `$` inside ends inline math in TeX, so a span never holds one: before session 48's trial "$5 and $10" before
        // a formula became one span from "$5" to the formula's end, spaces and dollars gone ("5and$10,arise…").
        QTest::newRow("prices before a formula") << "From $5 to $10, a rise of $\\Delta p = 5$."
                                                 << "From $5 to $10, a rise of Δp = 5.";
        // Nor does it cross a code span: "$5 in `$" was read as math and the code span's backticks shown as text.
        QTest::newRow("price before a code span") << "It costs $5 in `$HOME/bin` and $x$." << "It costs $5 in `$HOME/bin` and x.";
        QTest::newRow("space inside") << "a $ x $ b" << "a $ x $ b";
        QTest::newRow("escaped dollar") << "\\$x\\$ stays" << "\\$x\\$ stays";
        QTest::newRow("code span") << "Run `echo $x^2$` and `\\(a\\)`" << "Run `echo $x^2$` and `\\(a\\)`";
        QTest::newRow("double backtick span") << "``a `$x$` b`` then $y$" << "``a `$x$` b`` then y";
        QTest::newRow("blank line inside") << "$x\n\ny$" << "$x\n\ny$";
        QTest::newRow("unclosed while streaming") << "So \\(x^2" << "So \\(x^2";
        QTest::newRow("unclosed display") << "$$x^2" << "$$x^2";
        QTest::newRow("empty display") << "$$ $$" << "$$ $$";
        QTest::newRow("no math at all") << "Plain *text*." << "Plain *text*.";
    }
    void spans() {
        QFETCH(QString, markdown);
        QFETCH(QString, shown);
        QCOMPARE(renderMath(markdown), shown);
    }
};

QTEST_GUILESS_MAIN(TestMathText)
#include "test_math_text.moc"
