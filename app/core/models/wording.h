// models/wording.h — a sentence kept as its parts (a translation's context and source text, and the arguments that
// fill its %1, %2, …) and worded in the current language each time text() is called. A download's reason is made on
// the network thread and shown on the Models page's card, its banner and the chat's download banner: worded once
// there, it kept the language of its moment after a language switch (session 30's note); stored (stored(), the
// downloads table's message), it kept the language of the run that stored it after a restart (session 32's note).
// Tests: test_download_texts.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace rwkv::models {

/// A value (copied across threads by queued signals): either a plain text shown as it is in every language (a file
/// name, a number, Qt's or the system's words), or a translatable sentence with its arguments, each itself a Wording.
class Wording {
public:
    Wording() = default;
    /// A plain text, never translated.
    Wording(const QString& plain);  // NOLINT(google-explicit-constructor): file names and numbers as arguments
    /// The sentence `source` of translation context `context`, both static strings as marked for lupdate
    /// (QT_TR_NOOP inside the class whose className() is `context`, or QT_TRANSLATE_NOOP), not copied. `args` fill
    /// %1, %2, … in one pass (an argument's own "%1" stays as it is, unlike chained QString::arg()).
    Wording(const char* context, const char* source, std::vector<Wording> args = {});

    /// This sentence, then `next` (two sentences said together), joined as the translation of "%1 %2" in context
    /// "Sentences" says: a space in English, none in zh_CN.
    Wording then(Wording next) const;
    /// This sentence, with a shorter form for the places that show it beside the full one (the page's banner and the
    /// chat's download banner; the card has the full one).
    Wording withBrief(Wording brief) const;

    /// The sentence in the current language (QCoreApplication::translate), its arguments worded the same way.
    QString text() const;
    /// The brief form's text (withBrief), else text().
    QString briefText() const;
    bool isEmpty() const { return source_.isNull() && plain_.isEmpty(); }
    /// The parts as one text for a database column: a plain text as it is, a sentence as a JSON object of its context,
    /// source text, arguments and brief form. fromStored() reads it back; any other text (a row of an older version,
    /// words of that run's language) comes back as a plain text, as does JSON that is not such an object.
    QString stored() const;
    static Wording fromStored(const QString& text);
    friend bool operator==(const Wording& a, const Wording& b);
    friend bool operator!=(const Wording& a, const Wording& b) { return !(a == b); }

private:
    QJsonValue toJsonValue() const;
    static Wording fromJsonValue(const QJsonValue& value, int depth);

    // A static string's bytes (the constructor: QByteArray::fromRawData) or fromStored()'s copy; null source_: plain_.
    QByteArray context_;
    QByteArray source_;
    QString plain_;
    std::vector<Wording> args_;
    std::shared_ptr<const Wording> brief_;
};

/// `first` and `second` as two sentences of one line, joined as Wording::then joins them (the translation of "%1 %2",
/// context "Sentences": "…（2 条消息）。它是用…" in zh_CN, not "。 它"; a space in English, even after a Chinese file
/// name). The translator decides, not the characters at the join (session 34's check). An empty side gives the other.
QString joinSentences(const QString& first, const QString& second);

}  // namespace rwkv::models

Q_DECLARE_METATYPE(rwkv::models::Wording)
