// gen_conversations.cpp — fills a conversation database for the scale measurement (docs/conversations.md "Scale"):
// N conversations of M messages of generated English and Chinese text, each conversation with one regenerated reply
// (a branch), written through ConversationStore::importConversation (one transaction per conversation).
//   gen_conversations DB [--conversations 1000] [--messages 100] [--seed 1]
//   gen_conversations DB --measure     (store-side times: open, list, a branch, searches; median of 5)
//   gen_conversations DB --measure-fork (New chat from here at conversation 1's newest message: the store call's time,
//                                        median of 3; each run adds a copy: use a scratch copy of the database)
// Then: RWKV_TIMING=1 rwkv-desktop --data-dir DIR --select ID --search TEXT ... (the app's timing log, end to end).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <optional>

#include "store/conversation_store.h"

using namespace rwkv::store;

namespace {

const QStringList kWords = {
    "the", "a", "model", "state", "river", "harbour", "ferry", "island", "recipe", "bread", "garden", "winter",
    "train", "ticket", "museum", "library", "question", "answer", "because", "maybe", "quickly", "slowly", "north",
    "south", "coffee", "market", "history", "language", "music", "guitar", "lesson", "project", "deadline", "email",
    "budget", "travel", "mountain", "forest", "weather", "rain", "sunny", "evening", "morning", "kitchen", "window",
    "computer", "program", "memory", "network", "engine", "token", "prompt", "reply", "story", "chapter", "friend",
    "family", "doctor", "health", "sleep", "running", "swimming", "bicycle", "city", "village", "bridge", "castle"};
const QStringList kChinese = {"我们", "今天", "天气", "学习", "工作", "问题", "回答", "模型", "北京", "上海", "旅行",
                              "音乐", "朋友", "时间", "计划", "图书馆", "咖啡", "城市", "历史", "语言"};

QString sentence(QRandomGenerator& rng, int words) {
    QStringList out;
    const bool chinese = rng.bounded(5) == 0;
    for (int i = 0; i < words; ++i)
        out << (chinese ? kChinese.at(int(rng.bounded(qsizetype(kChinese.size()))))
                        : kWords.at(int(rng.bounded(qsizetype(kWords.size())))));
    QString s = out.join(chinese ? QString() : QStringLiteral(" "));
    if (!chinese) s[0] = s[0].toUpper();
    return s + (chinese ? QStringLiteral("。") : QStringLiteral("."));
}

QString paragraph(QRandomGenerator& rng, int sentences) {
    QStringList out;
    for (int i = 0; i < sentences; ++i) out << sentence(rng, 4 + int(rng.bounded(12)));
    return out.join(QLatin1Char(' '));
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QTextStream err(stderr);
    if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
        err << "usage: gen_conversations DB [--conversations N] [--messages M] [--seed S]\n";
        return 1;
    }
    const QString db = args.takeFirst();
    int conversations = 1000, messages = 100;
    quint32 seed = 1;
    for (int i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--conversations")) conversations = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--messages")) messages = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seed")) seed = args[i + 1].toUInt();
        else {
            err << "unknown option " << args[i] << "\n";
            return 1;
        }
    }
    if (args.contains(QStringLiteral("--measure-fork"))) {
        QTextStream out(stdout);
        ConversationStore store(db);
        const std::optional<Message> leaf = store.newestMessage(1);
        if (!leaf) {
            err << "conversation 1 has no message\n";
            return 1;
        }
        QList<double> t;
        qint64 copied = 0;
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer c;
            c.start();
            const qint64 made = store.forkConversation(1, leaf->id, QStringLiteral("From here: measured"));
            t << double(c.nsecsElapsed()) / 1e6;
            copied = store.allMessages(made).size();
        }
        std::sort(t.begin(), t.end());
        out << "forkConversation " << t[1] << " ms (" << copied << " messages copied; " << t[0] << "-" << t[2]
            << " ms)\n";
        return 0;
    }
    if (args.contains(QStringLiteral("--measure"))) {
        auto median = [](auto fn) {
            QList<double> t;
            for (int i = 0; i < 5; ++i) {
                QElapsedTimer c;
                c.start();
                fn();
                t << double(c.nsecsElapsed()) / 1e6;
            }
            std::sort(t.begin(), t.end());
            return t[2];
        };
        QTextStream out(stdout);
        std::unique_ptr<ConversationStore> store;
        out << "open " << median([&] { store.reset(); store = std::make_unique<ConversationStore>(db); }) << " ms\n";
        qint64 n = 0;
        out << "listConversations " << median([&] { n = store->listConversations().size(); }) << " ms (" << n << ")\n";
        for (qint64 id : {1, 500, 1000}) {
            qint64 rows = 0;
            out << "messages(" << id << ") " << median([&] { rows = store->messages(id).size(); }) << " ms (" << rows
                << " rows)\n";
        }
        for (const QString& q : {QStringLiteral("harbour"), QStringLiteral("bridge castle"), QStringLiteral("图书馆"),
                                QStringLiteral("zebra"), QStringLiteral("学习"), QStringLiteral("xq")}) {
            qint64 hits = 0;
            out << "search(" << q << ") " << median([&] { hits = store->search(q).size(); }) << " ms (" << hits
                << " hits)\n";
        }
        return 0;
    }
    QRandomGenerator rng(seed);
    QElapsedTimer clock;
    clock.start();
    try {
        ConversationStore store(db);
        qint64 day = 1764000000000;  // spread over the last months
        for (int c = 0; c < conversations; ++c) {
            ConversationImport data;
            data.conversation.title = sentence(rng, 3 + int(rng.bounded(4)));
            data.conversation.title.chop(1);
            data.conversation.created_at = day + qint64(c) * 3600000;
            qint64 parent = 0;
            for (int m = 1; m <= messages; ++m) {
                Message msg;
                msg.id = m;
                msg.parent_id = parent;
                msg.role = m % 2 ? Role::User : Role::Assistant;
                msg.text = m % 2 ? paragraph(rng, 1 + int(rng.bounded(2))) : paragraph(rng, 2 + int(rng.bounded(6)));
                msg.created_at = data.conversation.created_at + m * 30000;
                if (msg.role == Role::Assistant) {
                    msg.token_count = msg.text.size() / 4;
                    msg.readouts = {200, 120.0, double(msg.token_count) * 20.0, 140.0, StateSourceCode::Memory};
                }
                data.messages.append(msg);
                parent = m;
            }
            if (messages >= 4) {  // one regenerated reply: a sibling of the last reply but one
                Message again = data.messages.at(messages - 3);
                again.id = messages + 1;
                again.text = paragraph(rng, 3);
                data.messages.append(again);
            }
            store.importConversation(data);
            if ((c + 1) % 100 == 0) err << (c + 1) << " conversations, " << clock.elapsed() / 1000 << " s\n";
        }
    } catch (const std::exception& e) {
        err << "gen_conversations: " << e.what() << "\n";
        return 1;
    }
    err << "done in " << clock.elapsed() << " ms\n";
    return 0;
}
