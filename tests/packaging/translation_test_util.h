// translation_test_util.h — what test_translations.cpp and test_translations_at_run_time.cpp share: the messages of a
// .ts file as lupdate wrote them, the checks of a translation's script (CJK, kana, Simplified-only characters), the
// committed .ts files' paths, the zh_CN catalogue compiled with lrelease and loaded, and lupdate run over the sources.
#pragma once

#include <QFile>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>

namespace translation_test {

struct TsMessage {
    QString context;
    QString source;
    QString type;          ///< translation type=: empty when finished
    QStringList forms;     ///< the translation, or its numerus forms
    bool numerus = false;  ///< a %n plural: forms are its numerus forms
    QList<std::pair<QString, int>> locations;  ///< file (as written, relative to the .ts) and line of each call
};

inline QList<TsMessage> readTs(const QString& path, QString* language = nullptr) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    QXmlStreamReader xml(&f);
    QList<TsMessage> out;
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS") && language) {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage{context, {}, {}, {}, false, {}};
        } else if (name == QLatin1String("location")) {
            const auto at = xml.attributes();
            m.locations.push_back({at.value(QLatin1String("filename")).toString(),
                                   at.value(QLatin1String("line")).toInt()});
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            bool numerus = false;
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters()) text += xml.text();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                    numerus = true;
                    m.forms << xml.readElementText();
                }
            }
            if (!numerus) m.forms << text;
            m.numerus = numerus;
            out << m;
        }
    }
    if (xml.hasError()) qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return out;
}

inline QSet<QString> placeholders(const QString& s) {
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(s); it.hasNext();) out << it.next().captured(0);
    return out;
}

inline bool hasCjk(const QString& s) {
    for (const QChar c : s)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
    return false;
}

// A source without a letter (a separator such as ", " between titles): its Chinese is Chinese punctuation (CJK Symbols
// and Punctuation, U+3000-U+303F, e.g. "、"; full-width forms U+FF01-U+FF65, e.g. "，"), which hasCjk does not count.
inline bool lettersFree(const QString& s) {
    // Named, not the range-for's own expression: remove() returns a reference into the temporary copy, freed before
    // the loop ran, and a source such as "%1 %" read freed memory (an abort 3 runs in 8, session 47).
    const QString withoutPlaceholders = QString(s).remove(QRegularExpression(QStringLiteral("%(\\d+|n)")));
    for (const QChar c : withoutPlaceholders)
        if (c.isLetter()) return false;
    return true;
}

inline bool hasCjkPunctuation(const QString& s) {
    for (const QChar c : s)
        if ((c.unicode() >= 0x3000 && c.unicode() <= 0x303F) || (c.unicode() >= 0xFF01 && c.unicode() <= 0xFF65))
            return true;
    return false;
}

/// The characters of `s` that only Simplified Chinese writes: each has a Traditional form (設 載 夾 實 這 個 們 …) and is
/// itself no Traditional character, so none belongs in a zh_TW translation.
inline QString simplifiedOnly(const QString& s) {
    static const QString kSimplifiedOnly =
        QStringLiteral("设载夹实这个们时无为对话删库录认开关没发进择请从与应读写变储务错误该码络数键页题级过选单图显归档压缩盘项");
    QString out;
    for (const QChar c : s)
        if (kSimplifiedOnly.contains(c) && !out.contains(c)) out += c;
    return out;
}

inline bool isKana(QChar c) { return c.unicode() >= 0x3040 && c.unicode() <= 0x30FF; }  // hiragana, katakana

/// Japanese script in `s`: kana or kanji (CJK ideographs, which hasCjk counts).
inline bool hasJapanese(const QString& s) { return hasCjk(s) || std::any_of(s.begin(), s.end(), isKana); }

/// Kanji in `s` without a kana: a Japanese phrase of six kanji or more has some (助詞, 送り仮名); Chinese has none.
inline bool kanjiWithoutKana(const QString& s) {
    if (std::any_of(s.begin(), s.end(), isKana)) return false;
    return std::count_if(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; }) >= 6;
}

/// The characters of `s` that Japanese never writes: simplifiedOnly's, but for 数 and 与, which Japanese writes too.
inline QString notJapanese(const QString& s) { return simplifiedOnly(s).remove(QChar(0x6570)).remove(QChar(0x4E0E)); }

inline const QString kSource = QStringLiteral(RWKV_SOURCE_DIR);
inline QString tsPath(const QString& lang) { return kSource + QStringLiteral("/i18n/rwkv-desktop_%1.ts").arg(lang); }

/// Compiles the committed zh_CN .ts with lrelease into `dir` and loads it into `translator` (not installed). Empty
/// when done, else why not.
inline QString loadZhCatalogue(const QTemporaryDir& dir, QTranslator& translator) {
    const QString qm = dir.filePath(QStringLiteral("rwkv-desktop_zh_CN.qm"));
    QProcess lrelease;
    lrelease.setProcessChannelMode(QProcess::MergedChannels);
    lrelease.start(QStringLiteral(RWKV_LRELEASE), {tsPath(QStringLiteral("zh_CN")), QStringLiteral("-qm"), qm});
    if (!lrelease.waitForFinished(60000)) return QStringLiteral("lrelease did not finish");
    if (lrelease.exitCode() != 0) return QString::fromLocal8Bit(lrelease.readAll());
    return translator.load(qm) ? QString() : QStringLiteral("cannot load ") + qm;
}

/// Runs lupdate over app/core and app/gui (the inputs of qt_add_translations in app/gui/CMakeLists.txt) into `ts`,
/// its locations written as `locations` ("none", "absolute"). Empty when done, else lupdate's words.
inline QString runLupdate(const QString& ts, const QString& locations) {
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(RWKV_LUPDATE), {QStringLiteral("-locations"), locations,
                                                 kSource + QStringLiteral("/app/core"),
                                                 kSource + QStringLiteral("/app/gui"), QStringLiteral("-ts"), ts});
    if (!lupdate.waitForFinished(120000)) return QStringLiteral("lupdate did not finish");
    const QString log = QString::fromLocal8Bit(lupdate.readAll());
    const bool done = lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0;
    return done ? QString() : log + QStringLiteral(" ");
}

}  // namespace translation_test
