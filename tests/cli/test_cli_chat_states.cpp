// rwkv-cli chat on a conversation database, run as a user would (QProcess): which saved state a turn resumes from — a
// damaged one is said on stderr and the history re-read, a state made on a GPU continues with its backend, an int8
// state with --dtype int8, and a state of other weights is named only where it is later. The rest of `chat`:
// test_cli_chat.cpp. Helpers: cli_run.h.
#include "cli_run.h"

#include <QSettings>
#include <QRegularExpression>
#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "damage_snapshot_pages.h"  // tests/app
#include "store/conversation_store.h"
#include "store/database.h"
#endif

using namespace cli_test;

class TestCliChatStates : public QObject {
    Q_OBJECT

private slots:
    // New-user trial: with the reply's snapshot damaged, `chat --conversation N` re-read the history and said why
    // only in --json's resume_note; the plain output showed just "N prefill tokens". One stderr line says it now,
    // and none when the turn resumes from a saved state.
    void unreadableStateIsSaid() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        QCOMPARE(t1["stats"]["state_saved"], true);
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        {
            rwkv::store::Database d(db);  // 50 bytes of the stored frame zeroed, as the trial did with sqlite3
            d.exec("UPDATE snapshots SET blob = substr(blob, 1, 100) || zeroblob(50) || substr(blob, 151) "
                   "WHERE message_id = " + std::to_string(t1["assistant_message_id"].get<qint64>()));
        }
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", conv, "--message"};
        const Run reread = cli(turn + QStringList{"x"});
        QVERIFY2(reread.code == 0, reread.err.constData());
        QVERIFY2(reread.err.contains("[not resumed from a saved state: the saved state was damaged; nothing was lost "
                                     "— re-reading 2 messages (") && reread.err.contains(")]\n"),
                 reread.err.constData());
        const Run resumed = cli(turn + QStringList{"y"});  // from the snapshot the re-read turn saved
        QVERIFY2(resumed.code == 0 && resumed.err.contains("(resumed from saved state)") &&
                     !resumed.err.contains("not resumed"), resumed.err.constData());
        // With --json the same line on stderr (session 31's trial: only the JSON's resume_note said it). The newest
        // snapshot damaged the same way.
        {
            rwkv::store::Database d(db);
            d.exec("UPDATE snapshots SET blob = substr(blob, 1, 100) || zeroblob(50) || substr(blob, 151) "
                   "WHERE message_id = (SELECT max(message_id) FROM snapshots)");
        }
        const Run json = cli(turn + QStringList{"z", "--json"});
        QVERIFY2(json.code == 0, json.err.constData());
        QVERIFY2(json.out.contains("\"resume_note\":\"the saved state was damaged"), json.out.constData());
        // Why, in this program's words; zstd's ("Corrupted block detected", "Restored data doesn't match checksum")
        // only in resume_log (session 35's trial: they stood in the line and in resume_detail).
        QVERIFY2(json.out.contains("\"resume_detail\":\"the saved state is damaged") &&
                     json.out.contains("\"resume_log\":\"the stored snapshot is ") &&
                     json.out.contains("(zstd: "),
                 json.out.constData());
        QVERIFY2(!json.err.contains("zstd") && !reread.err.contains("zstd"), (reread.err + json.err).constData());
        QVERIFY2(json.err.contains("[not resumed from a saved state: the saved state was damaged; nothing was lost "
                                   "— re-reading "), (json.err + json.out).constData());
#endif
    }

    // Session 33's trial: a bundle of a Vulkan chat imported with "its state continues with model …", then every
    // `chat` re-read it ("saved state was made with vulkan fp16, this run uses cpu fp16") and `chat` had no --backend.
    // The import names the state's backend and weight dtype and the --backend that resumes it here (or says that this
    // machine has none); `chat --backend` resumes it. The state is a CPU one tagged "vulkan" (the blob's layout is the
    // same on every backend, rwkv/state_blob.h), so this runs on any machine; the resume itself needs a usable Vulkan
    // device (lavapipe counts) and is skipped without one.
    void aGpuStateContinuesWithItsBackend() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("gpu.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        QCOMPARE(t1["stats"]["state_saved"], true);
        {
            rwkv::store::Database d(db);
            d.exec("UPDATE snapshots SET backend = 'vulkan'");
        }
        const QString bundle = dir.filePath("gpu.rwkvchat");
        const Run ex = cli({"export", "--db", db, "--conversation", QString::number(t1["conversation_id"].get<qint64>()),
                            "--format", "bundle", "--out", bundle});
        QVERIFY2(ex.code == 0, ex.err.constData());
        const QString target = dir.filePath("imported.sqlite");
        const Run im = cli({"import", "--db", target, bundle, "--json"});
        QVERIFY2(im.code == 0, im.err.constData());
        const auto got = nlohmann::json::parse(im.out.toStdString());
        QCOMPARE(got["state_backend"], "vulkan");
        QCOMPARE(got["state_weight_dtype"], "fp16");
        const std::string device = got["state_continues_with_backend"];
        QVERIFY2(device.empty() || device.starts_with("vulkan:"), im.out.constData());
        const Run text = cli({"import", "--db", dir.filePath("text.sqlite"), bundle});
        QVERIFY2(text.code == 0, text.err.constData());
        QVERIFY2(text.out.contains(" and was made with vulkan fp16: ") &&
                     text.out.contains(device.empty() ? QByteArray("this machine has no usable vulkan device, so its "
                                                                   "next reply here re-reads the conversation")
                                                      : "`rwkv-cli chat --backend " + QByteArray::fromStdString(device) +
                                                            "` continues it ("),
                 text.out.constData());

        // On the CPU (chat's default) the reply re-reads it, and stderr names the --backend that would resume it.
        const auto turn = [&](const QString& database, qint64 conv) {
            return QStringList{"chat", "--db", database, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", QString::number(conv), "--json", "--message"};
        };
        const QRegularExpressionMatch id = QRegularExpression("^imported conversation (\\d+) ").match(text.out);
        QVERIFY2(id.hasMatch(), text.out.constData());
        const Run cpu = cli(turn(dir.filePath("text.sqlite"), id.captured(1).toLongLong()) + QStringList{"on the cpu"});
        QVERIFY2(cpu.code == 0, cpu.err.constData());
        QVERIFY2(cpu.err.contains("[not resumed from a saved state: saved state was made with vulkan fp16, this run "
                                  "uses cpu fp16") &&
                     cpu.err.contains(device.empty() ? QByteArray("; it was saved on vulkan, which this machine cannot run]")
                                                     : "; --backend " + QByteArray::fromStdString(device) + " ("),
                 cpu.err.constData());
        const QStringList onTarget = turn(target, got["conversation_id"].get<qint64>());
        const Run bad = cli(onTarget + QStringList{"x", "--backend", "tpu:0"});  // the engine's words, nothing written
        QVERIFY2(bad.code == 1 && bad.err.contains("tpu:0") && bad.err.count('\n') == 1, bad.err.constData());
        if (device.empty()) QSKIP("no usable Vulkan device here: the resume on it is not tried");
        const Run gpu = cli(onTarget + QStringList{"on the gpu", "--backend", QString::fromStdString(device)});
        QVERIFY2(gpu.code == 0, gpu.err.constData());
        const auto resumed = nlohmann::json::parse(gpu.out.toStdString());
        QCOMPARE(resumed["stats"]["resumed_from_state"], true);
        QCOMPARE(resumed["stats"]["state_source"], "snapshot");
        QVERIFY2(!gpu.err.contains("not resumed"), gpu.err.constData());
#endif
    }

    // Session 37: Settings → Weights in memory int8 tags a chat's states "int8", and `chat` always loaded fp16, so every
    // reply re-read the whole text of a chat the app ran on int8. `--dtype int8` (or the app's setting, its default)
    // resumes it; fp16 re-reads it and says why, and which --dtype would resume it.
    void anInt8StateResumesWithDtypeInt8() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("int8.sqlite");
        const auto t1 = chat(db, {"--message", "Hello", "--dtype", "int8"});
        QCOMPARE(t1["weight_type"], "int8");
        QCOMPARE(t1["stats"]["state_saved"], true);
        QCOMPARE(rwkv::store::ConversationStore(db).snapshots(t1["conversation_id"].get<qint64>()).value(0).tags
                     .weight_dtype, QStringLiteral("int8"));
        // Its bundle, imported, names the command that continues it (it said "`rwkv-cli chat` runs fp16 weights").
        const QString bundle = dir.filePath("int8.rwkvchat");
        const Run ex = cli({"export", "--db", db, "--conversation", QString::number(t1["conversation_id"].get<qint64>()),
                            "--format", "bundle", "--out", bundle});
        QVERIFY2(ex.code == 0, ex.err.constData());
        const Run im = cli({"import", "--db", dir.filePath("imported.sqlite"), bundle});
        QVERIFY2(im.code == 0 && im.out.contains(" and was made with cpu int8: `rwkv-cli chat --dtype int8` continues "
                                                 "it (on the CPU, its default)\n"),
                 im.out.constData());
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", QString::number(t1["conversation_id"].get<qint64>()), "--message"};
        const Run int8 = cli(turn + QStringList{"again", "--dtype", "int8"});
        QVERIFY2(int8.code == 0, int8.err.constData());
        const QRegularExpressionMatch resumed =
            QRegularExpression(" \\(cpu, int8 weights\\), (\\d+) prefill tokens \\(resumed from saved state\\), ")
                .match(QString::fromUtf8(int8.err));
        QVERIFY2(resumed.hasMatch() && !int8.err.contains("not resumed"), int8.err.constData());
        // The app's setting is --dtype's default: int8 there resumes the int8 state without the option.
        QTemporaryDir config;
        QSettings(config.filePath("rwkv-desktop/rwkv-desktop.conf"), QSettings::IniFormat)
            .setValue("engine/weightType", "int8");
        const Run fromSettings = cliWithSettings(config.path(), turn + QStringList{"and again", "--json"});
        QVERIFY2(fromSettings.code == 0, fromSettings.err.constData());
        const auto settingsJson = nlohmann::json::parse(fromSettings.out.toStdString());
        QCOMPARE(settingsJson["weight_type"], "int8");
        QCOMPARE(settingsJson["stats"]["state_source"], "snapshot");
        // fp16 (the default without Settings) re-reads the text, in words, and names the --dtype that resumes it.
        const Run fp16 = cli(turn + QStringList{"on fp16", "--json"});
        QVERIFY2(fp16.code == 0, fp16.err.constData());
        const auto fp16Json = nlohmann::json::parse(fp16.out.toStdString());
        QCOMPARE(fp16Json["weight_type"], "fp16");
        QCOMPARE(fp16Json["stats"]["resumed_from_state"], false);
        QCOMPARE(fp16Json["stats"]["state_source"], "reprefill");
        // the whole text: its 6 messages, more than the new message alone that a resumed turn reads
        QVERIFY2(fp16Json["stats"]["prefill_tokens"].get<int>() > 3 * resumed.captured(1).toInt(), fp16.out.constData());
        QVERIFY2(fp16.err.contains("[not resumed from a saved state: saved state was made with cpu int8, this run uses "
                                   "cpu fp16 — re-reading 6 messages") &&
                     fp16.err.contains("; --dtype int8 resumes it]\n"),
                 fp16.err.constData());
        const Run bad = cli(turn + QStringList{"x", "--dtype", "fp32"});  // refused before anything is loaded
        QVERIFY2(bad.code != 0 && bad.err.contains("--dtype") && bad.err.contains("fp32"), bad.err.constData());
        // A weight type in the settings file that is not fp16 or int8 (hand-edited) loads fp16 with one line that
        // says so (session 37's check: silence); --dtype given, the setting is not read and nothing is said.
        for (const QString& unknown : {QStringLiteral("int4"), QStringLiteral("INT8")}) {
            QSettings(config.filePath("rwkv-desktop/rwkv-desktop.conf"), QSettings::IniFormat)
                .setValue("engine/weightType", unknown);
            const Run odd = cliWithSettings(config.path(), turn + QStringList{"odd", "--json"});
            QVERIFY2(odd.code == 0, odd.err.constData());
            QCOMPARE(nlohmann::json::parse(odd.out.toStdString())["weight_type"], "fp16");
            const QByteArray said = "[the weight type \"" + unknown.toUtf8() + "\" in RWKV Desktop's settings (" +
                                    config.filePath("rwkv-desktop/rwkv-desktop.conf").toUtf8() +
                                    ") is not fp16 or int8: the weights load as fp16; --dtype chooses]\n";
            QVERIFY2(odd.err.startsWith(said) && odd.err.count(said) == 1, odd.err.constData());
            const Run given = cliWithSettings(config.path(), turn + QStringList{"given", "--dtype", "int8", "--json"});
            QVERIFY2(given.code == 0 && !given.err.contains("weight type"), given.err.constData());
        }
#endif
    }

    // Session 38's check: the newest int8 state damaged, an int8 turn went on from the one before it and ended "--dtype
    // fp16 resumes it", but fp16's newest state was older still: fp16 would re-read more. A state of other weights is
    // named only where it is on the branch and later than the one the turn went on from.
    void aStateOfOtherWeightsIsNamedOnlyWhereItIsLater() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("mixed.sqlite");
        const auto t1 = chat(db, {"--message", "Hello", "--dtype", "fp16"});  // an fp16 state of reply 2
        QCOMPARE(t1["stats"]["state_saved"], true);
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", QString::number(t1["conversation_id"].get<qint64>()), "--message"};
        const Run t2 = cli(turn + QStringList{"second", "--dtype", "int8"});  // re-reads; an int8 state of reply 4
        QVERIFY2(t2.code == 0 && t2.err.contains("this run uses cpu int8 — re-reading 2 messages") &&
                     t2.err.contains("; --dtype fp16 resumes it]\n"),  // the fp16 state is of the message answered
                 t2.err.constData());
        const Run t3 = cli(turn + QStringList{"third", "--dtype", "int8"});  // resumes; an int8 state of reply 6
        QVERIFY2(t3.code == 0 && !t3.err.contains("not resumed"), t3.err.constData());
        {
            rwkv::store::Database d(db);  // reply 6's int8 state damaged: the next int8 turn goes on from reply 4's
            d.exec("UPDATE snapshots SET blob = substr(blob, 1, 100) || zeroblob(50) || substr(blob, 151) "
                   "WHERE message_id = (SELECT max(message_id) FROM snapshots)");
        }
        const Run t4 = cli(turn + QStringList{"fourth", "--dtype", "int8"});
        QVERIFY2(t4.code == 0 && t4.err.contains("[not resumed from a saved state: the saved state was damaged; nothing "
                                                 "was lost — re-reading 2 messages (") &&
                     t4.err.contains(")]\n") && !t4.err.contains("--dtype fp16"),  // fp16's (reply 2) is older
                 t4.err.constData());
        // fp16 goes on from reply 2's state: the int8 ones (of replies 4 and 8; 6's damaged) are later, 8's the answered
        const Run t5 = cli(turn + QStringList{"fifth", "--dtype", "fp16"});
        QVERIFY2(t5.code == 0 && t5.err.contains("; --dtype int8 resumes it]\n"), t5.err.constData());
        {
            rwkv::store::Database d(db);  // without reply 8's int8 state, reply 4's is still later than fp16's own
            d.exec("DELETE FROM snapshots WHERE message_id = 8");
        }
        const Run t6 = cli(turn + QStringList{"sixth", "--dtype", "fp16", "--parent", "8"});
        QVERIFY2(t6.code == 0 && t6.err.contains("; --dtype int8 resumes from a later message]\n"), t6.err.constData());
#endif
    }

    // How many tokens the state after the reply has read since the chat began (the app's "Memory: N tokens read"):
    // `stats.state_tokens`, each turn's prompt and sampled tokens on top of the last, and "\n\n" (2 bytes) fed after a
    // reply that no stop string ended; the plain run's summary line ends with it.
    void stateTokensAreInTheStatsAndTheSummaryLine() {
        QTemporaryDir dir;
        const QString db = dir.filePath("count.sqlite");
        const auto closing = [](const nlohmann::json& t) { return t["stats"]["stop_reason"] == "stop_string" ? 0 : 2; };
        const auto t1 = chat(db, {"--message", "Hello"});
        QVERIFY(!t1.empty());
        const qint64 first = t1["stats"]["prefill_tokens"].get<qint64>() + t1["stats"]["decode_tokens"].get<qint64>() +
                             closing(t1);
        QCOMPARE(t1["stats"]["state_tokens"].get<qint64>(), first);
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        const auto t2 = chat(db, {"--conversation", conv, "--message", "And then?"});
        QVERIFY(!t2.empty());
        QCOMPARE(t2["stats"]["state_source"], "snapshot");
        QCOMPARE(t2["stats"]["state_tokens"].get<qint64>(), first + t2["stats"]["prefill_tokens"].get<qint64>() +
                                                                t2["stats"]["decode_tokens"].get<qint64>() + closing(t2));
        const Run plain = cli({"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", conv, "--message", "More"});
        QVERIFY2(plain.code == 0, plain.err.constData());
        const QRegularExpressionMatch m =
            QRegularExpression("; the state has read (\\d+) tokens\\]\n").match(QString::fromUtf8(plain.err));
        QVERIFY2(m.hasMatch(), plain.err.constData());
        QVERIFY(m.captured(1).toLongLong() > t2["stats"]["state_tokens"].get<qint64>());
    }

    // Session 54: a reply whose save met a damaged free-page list after its question was stored said the store's
    // "… Nothing was changed. RWKV Desktop offers to recover …" (the window's banner was mended by the freelist
    // helper, the CLI's line not): it says what was kept, and the next `chat` mends the file (store/damage_mark.h).
    void replyNotSavedToADamagedFileSaysWhatWasKept() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        QVERIFY(!t1.empty());
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        {
            rwkv::store::ConversationStore s(db);  // a deleted chat's pages go free
            const qint64 spare = s.createConversation(QStringLiteral("Spare"));
            s.addMessage(spare, 0, rwkv::store::Role::User, QStringLiteral("Spare ").repeated(60000));
            s.deleteConversationForever(spare);
        }
        QVERIFY(overwriteFreeListTrunkWhileOpen(db));
        // Greedy, 5,000 tokens: the reply's text needs pages of its own (the question's row did not)
        const Run cut = cli({"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "5000", "--temperature", "0",
                             "--conversation", conv, "--message", "A question"});
        QCOMPARE(cut.code, 1);
        const QRegularExpressionMatch m = QRegularExpression(
            "\\[started: user message (\\d+), reply (\\d+)\\]").match(QString::fromUtf8(cut.err));
        QVERIFY2(m.hasMatch(), cut.err.constData());
        const QString said = QStringLiteral("error: the reply could not be saved: the conversation database %1 is "
                                            "damaged (database disk image is malformed). Your message was saved "
                                            "(message %2), but of reply %3 only the start saved while it was written "
                                            "is kept, marked Unfinished; the whole reply is printed above. When RWKV "
                                            "Desktop or `rwkv-cli chat` next opens it, the whole file is checked")
                                 .arg(db, m.captured(1), m.captured(2));
        QVERIFY2(QString::fromUtf8(cut.err).contains(said), cut.err.constData());
        QVERIFY2(!cut.err.contains("Nothing was changed"), cut.err.constData());
        QVERIFY(cut.out.size() > 1000);  // the reply, streamed whole
        const auto next = chat(db, {"--conversation", conv, "--message", "Again"});  // mends the free list
        QVERIFY(!next.empty());
        QVERIFY(!QFileInfo::exists(db + ".damage-seen"));
        rwkv::store::ConversationStore s(db);
        const QList<rwkv::store::Message> stored = s.messages(conv.toLongLong());
        const auto at = [&stored](qint64 id) {
            return std::find_if(stored.begin(), stored.end(), [id](const rwkv::store::Message& x) { return x.id == id; });
        };
        QVERIFY(at(m.captured(1).toLongLong()) != stored.end());
        QCOMPARE(at(m.captured(1).toLongLong())->text, QStringLiteral("A question"));
        QVERIFY(at(m.captured(2).toLongLong()) != stored.end());
        QVERIFY(!at(m.captured(2).toLongLong())->finished);
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliChatStates)
#include "test_cli_chat_states.moc"
