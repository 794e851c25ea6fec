// standard_button_labels.cpp — see standard_button_labels.h.
#include "standard_button_labels.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QVariant>

#include <cstring>

namespace rwkv::gui {

namespace {

/// QPlatformDialogHelper::StandardButton's bits and Qt's source texts for them (qplatformtheme.cpp's
/// defaultStandardButtonText; qgenericunixthemes.cpp's QGnomeTheme::standardButtonText), as Qt's catalogues
/// (qtbase_<lang>.qm) translate them.
struct Wording {
    int button;
    const char* generic;
    const char* gnome;  ///< nullptr: GNOME uses the generic one
};
constexpr Wording kWordings[] = {
    {0x00000400, "OK", "&OK"},          {0x00000800, "Save", "&Save"},
    {0x00001000, "Save All", nullptr},  {0x00002000, "Open", nullptr},
    {0x00004000, "&Yes", nullptr},      {0x00008000, "Yes to &All", nullptr},
    {0x00010000, "&No", nullptr},       {0x00020000, "N&o to All", nullptr},
    {0x00040000, "Abort", nullptr},     {0x00080000, "Retry", nullptr},
    {0x00100000, "Ignore", nullptr},    {0x00200000, "Close", "&Close"},
    {0x00400000, "Cancel", "&Cancel"},  {0x00800000, "Discard", "Close without Saving"},
    {0x01000000, "Help", nullptr},      {0x02000000, "Apply", nullptr},
    {0x04000000, "Reset", nullptr},     {0x08000000, "Restore Defaults", nullptr},
};

/// The box's standardButtons flags (QPlatformDialogHelper::StandardButtons, a type this code cannot name).
int standardButtonsOf(const QObject* box) {
    const QVariant v = box->property("standardButtons");
    if (!v.isValid() || v.metaType().sizeOf() != sizeof(int)) return 0;
    int bits = 0;
    std::memcpy(&bits, v.constData(), sizeof bits);
    return bits;
}

/// Relabels the standard buttons of one DialogButtonBox; returns how many changed.
int relabelBox(QObject* box, const StandardButtonLabels& before, const StandardButtonLabels& after) {
    const int bits = standardButtonsOf(box);
    if (!bits) return 0;
    int changed = 0;
    for (QObject* button : box->findChildren<QObject*>()) {
        if (!button->inherits("QQuickAbstractButton")) continue;
        const QString text = button->property("text").toString();
        for (const Wording& w : kWordings) {
            if (!(bits & w.button)) continue;
            const QStringList& old = before.value(w.button);
            const QStringList& now = after.value(w.button);
            const qsizetype i = old.indexOf(text);
            if (i < 0 || i >= now.size()) continue;
            if (now.at(i) != text) {
                button->setProperty("text", now.at(i));
                ++changed;
            }
            break;
        }
    }
    return changed;
}

}  // namespace

QString withoutMnemonic(const QString& label) {
    QString out;
    out.reserve(label.size());
    for (qsizetype i = 0; i < label.size(); ++i) {
        const QChar c = label.at(i);
        if (c == u'&') {  // "&Y" → "Y", "&&" → "&"
            if (++i < label.size()) out += label.at(i);
            continue;
        }
        // CJK catalogues put the mnemonic after the word: "是(&Y)", "是 (&Y)" → "是".
        if (c == u'(' && i + 3 < label.size() && label.at(i + 1) == u'&' && label.at(i + 2) != u'&' &&
            label.at(i + 3) == u')') {
            while (!out.isEmpty() && out.back().isSpace()) out.chop(1);
            i += 3;
            continue;
        }
        out += c;
    }
    return out;
}

StandardButtonLabels standardButtonLabels() {
    StandardButtonLabels out;
    for (const Wording& w : kWordings) {
        QStringList labels{withoutMnemonic(QCoreApplication::translate("QPlatformTheme", w.generic))};
        if (w.gnome) labels << withoutMnemonic(QCoreApplication::translate("QGnomeTheme", w.gnome));
        out.insert(w.button, labels);
    }
    return out;
}

int relabelStandardButtons(const QList<QObject*>& roots, const StandardButtonLabels& before,
                           const StandardButtonLabels& after) {
    int changed = 0;
    for (QObject* root : roots) {
        if (!root) continue;
        if (root->inherits("QQuickDialogButtonBox")) changed += relabelBox(root, before, after);
        for (QObject* o : root->findChildren<QObject*>())
            if (o->inherits("QQuickDialogButtonBox")) changed += relabelBox(o, before, after);
    }
    return changed;
}

}  // namespace rwkv::gui
