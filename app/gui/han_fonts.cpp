// han_fonts.cpp — see han_fonts.h.
#include "han_fonts.h"

#include <QFontDatabase>
#include <QFontInfo>

namespace rwkv::gui {

namespace {

/// The candidates for `language`, best first, without the monospaced ones: the region's Noto Sans CJK face and its
/// Source Han Sans twin (named by region: SC, TC, HK, JP; older releases CN and TW).
QStringList regionFaces(const QLocale& language) {
    const auto faces = [](std::initializer_list<const char*> regions) {
        QStringList out;
        for (const char* r : regions) out << QStringLiteral("Noto Sans CJK ") + QLatin1String(r);
        for (const char* r : regions) out << QStringLiteral("Source Han Sans ") + QLatin1String(r);
        return out;
    };
    if (language.language() == QLocale::Japanese) return faces({"JP"});
    if (language.language() != QLocale::Chinese) return {};
    if (language.script() != QLocale::TraditionalChineseScript) return faces({"SC", "CN"});
    const QLocale::Territory where = language.territory();
    if (where == QLocale::HongKong || where == QLocale::Macao) return faces({"HK", "TC", "TW"});
    return faces({"TC", "TW"});
}

}  // namespace

QString hanFamily(const QLocale& language, bool monospace) {
    const QStringList faces = regionFaces(language);
    QStringList candidates;
    if (monospace)  // Han characters are full width in either: the monospaced face keeps Latin in the code's columns
        for (const QString& face : faces)
            if (face.startsWith(QLatin1String("Noto Sans CJK ")))
                candidates << QStringLiteral("Noto Sans Mono CJK ") + face.mid(14);
    candidates += faces;
    for (const QString& family : candidates)
        if (QFontDatabase::hasFamily(family)) return family;
    return {};
}

QStringList hanFamilies(const QFont& base, const QLocale& language, bool monospace) {
    const QString han = hanFamily(language, monospace);
    if (han.isEmpty()) return base.families();
    const QString resolved = QFontInfo(base).family();  // what fontconfig gives for "Sans Serif", "monospace"
    return resolved.isEmpty() || resolved == han ? QStringList{han} : QStringList{han, resolved};
}

}  // namespace rwkv::gui
