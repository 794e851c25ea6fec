// test_app_settings.cpp — AppSettings (defaults, validation, persistence across instances, the --set hook; the drafts:
// test_drafts.cpp; what a data folder that cannot be used says: test_data_folder_problems.cpp), the sampling presets,
// and DeviceListModel's rows for the device picker (available and unavailable devices, backends not compiled in).
// Code: app/core/app_settings.*, app/core/device_list_model.*
#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <cmath>

#include "app_paths.h"
#include "app_settings.h"
#include "device_list_model.h"

using namespace rwkv::app;

class TestAppSettings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void defaults();
    void persistsAcrossInstances();
    void handWrittenFolderIsTakenFromTheHomeFolder();
    void rejectsBadValues();
    void applyKeyValue();
    void textSizePersistsInSteps();
    void languageNeedsATranslation();
    void commandLineLanguageIsShownAndAChoiceSavesIt();
    void deviceBackendMustBeADeviceHere();
    void presets();
    void customSamplingPersistsAndRefusesBadValues();
    void customSamplingKeys();
    void deviceRows();
    void modelChosenLastLoadsAtStart();
    void aChangeThatCannotBeWrittenIsSaid();

private:
    QString file() const { return tmp_.filePath(QStringLiteral("settings.ini")); }
    QTemporaryDir tmp_;
};

void TestAppSettings::defaults() {
    QTemporaryDir dir;
    AppSettings s(dir.filePath(QStringLiteral("empty.ini")));
    QCOMPARE(s.backend(), QStringLiteral("auto"));
    QCOMPARE(s.weightType(), QStringLiteral("fp16"));
    QCOMPARE(s.threads(), 0);
    QCOMPARE(s.samplingPreset(), QStringLiteral("chat"));
    QCOMPARE(s.dataDir(), QString());
    QCOMPARE(s.language(), QString());
    QCOMPARE(s.theme(), QStringLiteral("system"));
    QVERIFY(s.maxThreads() >= 1);
}

void TestAppSettings::persistsAcrossInstances() {
    {
        AppSettings s(file());
        QSignalSpy backend(&s, &AppSettings::backendChanged);
        QSignalSpy theme(&s, &AppSettings::themeChanged);
        QSignalSpy language(&s, &AppSettings::languageChanged);
        QSignalSpy weights(&s, &AppSettings::weightTypeChanged);
        s.setWeightType(QStringLiteral("int8"));
        s.setWeightType(QStringLiteral("int8"));  // unchanged: no second signal (no second reload)
        QCOMPARE(weights.count(), 1);
        s.setBackend(QStringLiteral("vulkan:1"));
        s.setBackend(QStringLiteral("vulkan:1"));  // unchanged: no second signal
        s.setThreads(1);
        s.setSamplingPreset(QStringLiteral("creative"));
        QSignalSpy instructions(&s, &AppSettings::newChatInstructionsChanged);
        s.setNewChatInstructions(QStringLiteral("Be brief.\n\nقل مرحبا."));  // kept as typed
        s.setNewChatInstructions(QStringLiteral("Be brief.\n\nقل مرحبا."));  // unchanged: no second signal
        QCOMPARE(instructions.count(), 1);
        s.setDataDir(QUrl::fromLocalFile(tmp_.filePath(QStringLiteral("data"))).toString());  // FolderDialog URL
        s.setLanguage(QStringLiteral("zh_CN"));
        s.setTheme(QStringLiteral("dark"));
        QCOMPARE(backend.count(), 1);
        QCOMPARE(theme.count(), 1);
        QCOMPARE(language.count(), 1);
    }
    AppSettings again(file());
    QCOMPARE(again.backend(), QStringLiteral("vulkan:1"));
    QCOMPARE(again.weightType(), QStringLiteral("int8"));
    QCOMPARE(again.threads(), 1);
    QCOMPARE(again.samplingPreset(), QStringLiteral("creative"));
    QCOMPARE(again.dataDir(), tmp_.filePath(QStringLiteral("data")));
    QCOMPARE(again.language(), QStringLiteral("zh_CN"));
    QCOMPARE(again.theme(), QStringLiteral("dark"));
    QCOMPARE(again.newChatInstructions(), QStringLiteral("Be brief.\n\nقل مرحبا."));
    // Back to the defaults: empty language and folder remove their keys, and so do instructions of blanks only.
    again.setLanguage(QString());
    again.setDataDir(QString());
    again.setNewChatInstructions(QStringLiteral(" \n "));
    QCOMPARE(again.newChatInstructions(), QString());
    QCOMPARE(again.language(), QString());
    QCOMPARE(again.dataDir(), QString());
    again.sync();
    QSettings raw(file(), QSettings::IniFormat);
    QVERIFY(!raw.contains(QStringLiteral("ui/language")));
    QVERIFY(!raw.contains(QStringLiteral("chat/newChatInstructions")));
    QCOMPARE(raw.value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
}

// A data/folder written by hand as a relative path is taken from the home folder, not from the folder the app was
// started in, and reads back as the folder the start resolves, so Settings does not say "Used from the next start"
// of the folder in use (session 26's trial, F12: "relchats — Used from the next start. Now in use: …/cwd/relchats").
void TestAppSettings::handWrittenFolderIsTakenFromTheHomeFolder() {
    QTemporaryDir home, elsewhere;
    QVERIFY(home.isValid() && elsewhere.isValid());
    const QByteArray savedHome = qgetenv("HOME");
    const QString savedCurrent = QDir::currentPath();
    qputenv("HOME", QFile::encodeName(home.path()));
    QVERIFY(QDir::setCurrent(elsewhere.path()));
    const auto restore = qScopeGuard([&] {
        qputenv("HOME", savedHome);
        QDir::setCurrent(savedCurrent);
    });
    const QString ini = home.filePath(QStringLiteral("hand.ini"));
    const QList<std::pair<QString, QString>> cases{
        {QStringLiteral("relchats"), home.filePath(QStringLiteral("relchats"))},
        {QStringLiteral("~/chats"), home.filePath(QStringLiteral("chats"))},
        {QStringLiteral("~"), home.path()},
        {QStringLiteral("a/../b/"), home.filePath(QStringLiteral("b"))},
        {home.filePath(QStringLiteral("abs/")), home.filePath(QStringLiteral("abs"))},
    };
    for (const auto& [written, folder] : cases) {
        {
            QSettings raw(ini, QSettings::IniFormat);
            raw.setValue(QStringLiteral("data/folder"), written);
        }
        AppSettings s(ini);
        QCOMPARE(s.dataDir(), folder);
        QString problem;
        QCOMPARE(resolveDataDir(s.dataDir(), &problem), folder);  // what main.cpp makes the active folder
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY(QDir(elsewhere.path()).isEmpty());  // nothing made in the folder the app was started in
}

void TestAppSettings::rejectsBadValues() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.ini"));
    {
        QSettings raw(path, QSettings::IniFormat);  // a hand-edited file: every value is wrong
        raw.setValue(QStringLiteral("engine/backend"), QStringLiteral("tpu:0"));
        raw.setValue(QStringLiteral("engine/threads"), -3);
        raw.setValue(QStringLiteral("engine/weightType"), QStringLiteral("int4"));
        raw.setValue(QStringLiteral("chat/samplingPreset"), QStringLiteral("wild"));
        raw.setValue(QStringLiteral("ui/language"), QStringLiteral("../../etc"));
        raw.setValue(QStringLiteral("ui/theme"), QStringLiteral("purple"));
    }
    AppSettings s(path);
    QCOMPARE(s.backend(), QStringLiteral("auto"));
    QCOMPARE(s.weightType(), QStringLiteral("fp16"));
    QCOMPARE(s.threads(), 0);
    QCOMPARE(s.samplingPreset(), QStringLiteral("chat"));
    QCOMPARE(s.language(), QString());
    QCOMPARE(s.theme(), QStringLiteral("system"));

    QSignalSpy any(&s, &AppSettings::backendChanged);
    s.setBackend(QStringLiteral("cuda"));      // needs a device number
    s.setBackend(QStringLiteral("cuda:x"));
    s.setThreads(s.maxThreads() + 1);
    s.setTheme(QStringLiteral("Dark"));
    s.setLanguage(QStringLiteral("zh-CN "));
    QSignalSpy weights(&s, &AppSettings::weightTypeChanged);
    s.setWeightType(QStringLiteral("INT8"));
    s.setWeightType(QStringLiteral("fp32"));
    QCOMPARE(weights.count(), 0);
    QCOMPARE(s.weightType(), QStringLiteral("fp16"));
    QCOMPARE(any.count(), 0);
    QCOMPARE(s.backend(), QStringLiteral("auto"));
    QCOMPARE(s.threads(), 0);
    QCOMPARE(s.theme(), QStringLiteral("system"));
    QCOMPARE(s.language(), QString());
    QVERIFY(AppSettings::isBackendString(QStringLiteral("cuda:12")));
    QVERIFY(!AppSettings::isBackendString(QStringLiteral("cpu ")));

    // The local API server is on only for "true" (or "1"): any other hand-edited word leaves the port closed.
    for (const auto& [written, on] : QList<std::pair<QString, bool>>{{QStringLiteral("maybe"), false},
                                                                      {QStringLiteral("no"), false},
                                                                      {QStringLiteral("off"), false},
                                                                      {QString(), false},
                                                                      {QStringLiteral("true"), true},
                                                                      {QStringLiteral("True "), true},
                                                                      {QStringLiteral("1"), true}}) {
        QSettings(path, QSettings::IniFormat).setValue(QStringLiteral("api/enabled"), written);
        QCOMPARE(AppSettings(path).apiServer(), on);
    }
}

void TestAppSettings::applyKeyValue() {
    QTemporaryDir dir;
    AppSettings s(dir.filePath(QStringLiteral("kv.ini")));
    QVERIFY(s.apply(QStringLiteral("theme=dark")));
    QVERIFY(s.apply(QStringLiteral("language = zh_CN")));
    QVERIFY(s.apply(QStringLiteral("backend=cpu")));
    QVERIFY(s.apply(QStringLiteral("threads=1")));
    QVERIFY(s.apply(QStringLiteral("samplingPreset=precise")));
    QVERIFY(s.apply(QStringLiteral("weightType=int8")));
    QCOMPARE(s.weightType(), QStringLiteral("int8"));
    QCOMPARE(s.theme(), QStringLiteral("dark"));
    QCOMPARE(s.language(), QStringLiteral("zh_CN"));
    QCOMPARE(s.backend(), QStringLiteral("cpu"));
    QCOMPARE(s.threads(), 1);
    QCOMPARE(s.samplingPreset(), QStringLiteral("precise"));
    // The local API server: off with the default port until chosen.
    QCOMPARE(s.apiServer(), false);
    QCOMPARE(s.apiPort(), AppSettings::kDefaultApiPort);
    QVERIFY(s.apply(QStringLiteral("apiServer=false")));  // the settings file's words too (api/enabled=true)
    QCOMPARE(s.apiServer(), false);
    QVERIFY(s.apply(QStringLiteral("apiServer=true")));
    QCOMPARE(s.apiServer(), true);
    QVERIFY(s.apply(QStringLiteral("apiServer=0")));
    QCOMPARE(s.apiServer(), false);
    QVERIFY(s.apply(QStringLiteral("apiServer=on")));
    QVERIFY(s.apply(QStringLiteral("apiPort=9001")));
    QCOMPARE(s.apiServer(), true);
    QCOMPARE(s.apiPort(), 9001);
    // A refusal names what would be accepted (it said only "was not applied": new-user trial, session 9).
    const QString keys =
        QStringLiteral("backend, weightType, threads, samplingPreset, dataDir, language, theme, textSize, apiServer, "
                       "apiPort, customTemperature, customTopP, customPresencePenalty, customFrequencyPenalty, "
                       "customPenaltyDecay, customMaxTokens");
    const QList<std::pair<QString, QString>> refused{
        {QStringLiteral("weightType=int4"), QStringLiteral("weightType must be one of fp16, int8")},
        {QStringLiteral("samplingPreset=foo"), QStringLiteral("samplingPreset must be one of chat, precise, creative, custom")},
        {QStringLiteral("colour=red"), QStringLiteral("unknown key 'colour' (") + keys + u')'},
        {QStringLiteral("theme=purple"), QStringLiteral("theme must be one of system, light, dark")},
        {QStringLiteral("threads=many"),
         QStringLiteral("threads must be a whole number from 0 (all cores) to %1").arg(s.maxThreads())},
        {QStringLiteral("backend=gpu"), QStringLiteral("backend must be auto, cpu, cuda:N or vulkan:N")},
        {QStringLiteral("language=Chinese"),
         QStringLiteral("language must be a code such as en or zh_CN, or empty for the system language")},
        {QStringLiteral("=dark"), QStringLiteral("expected KEY=VALUE, KEY one of ") + keys},
        {QStringLiteral("apiServer=yes"), QStringLiteral("apiServer must be on or off (or true / false)")},
        {QStringLiteral("apiPort=70000"), QStringLiteral("apiPort must be a whole number from 1024 to 65535")},
        {QStringLiteral("apiPort=80"), QStringLiteral("apiPort must be a whole number from 1024 to 65535")},
    };
    for (const auto& [keyValue, why] : refused) {
        QString whyNot;
        QVERIFY2(!s.apply(keyValue, &whyNot), qPrintable(keyValue));
        QCOMPARE(whyNot, why);
    }
    QVERIFY(!s.apply(QStringLiteral("theme=light2")));  // without a reason wanted
    QCOMPARE(s.theme(), QStringLiteral("dark"));
    QCOMPARE(s.samplingPreset(), QStringLiteral("precise"));
    QCOMPARE(s.apiPort(), 9001);
    // A port below 1024 saved before session 55 (the field went from 1; the server refuses it since session 54) reads
    // as the default, which the server takes and the field shows, in its range.
    {
        QSettings file(dir.filePath(QStringLiteral("kv.ini")), QSettings::IniFormat);
        file.setValue(QStringLiteral("api/port"), 80);
    }
    QCOMPARE(AppSettings(dir.filePath(QStringLiteral("kv.ini"))).apiPort(), AppSettings::kDefaultApiPort);
}

// Session 47: the text size (Settings → Text size, Ctrl+= / Ctrl+- / Ctrl+0) is one of five steps, 100 % at first;
// it is kept for the next start, a step past either end or a size between steps changes nothing, and --set names the
// steps accepted. A hand-edited size that is not a step reads as 100 %.
void TestAppSettings::textSizePersistsInSteps() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("text.ini"));
    {
        AppSettings s(path);
        QCOMPARE(s.textSize(), 100);
        QCOMPARE(AppSettings::textSizeSteps(), (QList<int>{85, 100, 115, 130, 150}));
        QSignalSpy changed(&s, &AppSettings::textSizeChanged);
        QVERIFY(s.stepTextSize(1));
        QCOMPARE(s.textSize(), 115);
        QVERIFY(s.stepTextSize(2));
        QCOMPARE(s.textSize(), 150);
        QVERIFY(!s.stepTextSize(1));  // the largest already
        QCOMPARE(s.textSize(), 150);
        QCOMPARE(changed.count(), 2);
        s.setTextSize(120);  // not a step
        s.setTextSize(0);
        QCOMPARE(s.textSize(), 150);
        QCOMPARE(changed.count(), 2);
        QString whyNot;
        QVERIFY(!s.apply(QStringLiteral("textSize=200"), &whyNot));
        QCOMPARE(whyNot, QStringLiteral("textSize must be one of 85, 100, 115, 130, 150 (percent)"));
        QVERIFY(!s.apply(QStringLiteral("textSize=big"), &whyNot));
        QCOMPARE(whyNot, QStringLiteral("textSize must be one of 85, 100, 115, 130, 150 (percent)"));
        QVERIFY(!AppSettings::check(QStringLiteral("textSize=110"), {}));
        QVERIFY(AppSettings::check(QStringLiteral("textSize=85"), {}));
        QCOMPARE(s.textSize(), 150);
        QVERIFY(s.apply(QStringLiteral("textSize=130")));
        QCOMPARE(s.textSize(), 130);
    }
    {
        AppSettings again(path);
        QCOMPARE(again.textSize(), 130);
        QCOMPARE(QSettings(path, QSettings::IniFormat).value(QStringLiteral("ui/textSize")).toInt(), 130);
        QVERIFY(again.stepTextSize(-4));  // down to the smallest, no further
        QCOMPARE(again.textSize(), 85);
        QVERIFY(!again.stepTextSize(-1));
        QCOMPARE(again.textSize(), 85);
    }
    QSettings(path, QSettings::IniFormat).setValue(QStringLiteral("ui/textSize"), 400);  // hand-edited
    QCOMPARE(AppSettings(path).textSize(), 100);
}

// Session 22's trial (F9): `--set backend=vulkan:7` on a computer with one Vulkan device was accepted and saved. A
// device apply() does not find among the usable ones is refused, naming those there are, and nothing is saved; a
// settings file that names another computer's device still reads as it is (only --set checks).
void TestAppSettings::deviceBackendMustBeADeviceHere() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("devices.ini"));
    {
        AppSettings s(path);
        s.setDevices({{QStringLiteral("vulkan:0"), QStringLiteral("llvmpipe (LLVM 15.0.7, 256 bits)")}});
        QString whyNot;
        QVERIFY(!s.apply(QStringLiteral("backend=vulkan:7"), &whyNot));
        QCOMPARE(whyNot, QStringLiteral("vulkan:7 is not a GPU device of this computer; backend must be one of auto, cpu, "
                                        "vulkan:0 (llvmpipe (LLVM 15.0.7, 256 bits))"));
        QVERIFY(!s.apply(QStringLiteral("backend=cuda:0"), &whyNot));
        QVERIFY2(whyNot.startsWith(QStringLiteral("cuda:0 is not a GPU device of this computer;")), qPrintable(whyNot));
        QCOMPARE(s.backend(), QStringLiteral("auto"));
        QVERIFY(s.apply(QStringLiteral("backend=vulkan:0")));
        QCOMPARE(s.backend(), QStringLiteral("vulkan:0"));
        QVERIFY(s.apply(QStringLiteral("backend=cpu")));
        s.setDevices({});
        QVERIFY(!s.apply(QStringLiteral("backend=vulkan:0"), &whyNot));
        QCOMPARE(whyNot, QStringLiteral("vulkan:0 is not a GPU device of this computer (it has none that can be used); "
                                        "backend must be one of auto, cpu"));
        QVERIFY(s.apply(QStringLiteral("backend=auto")));
    }
    {
        QSettings other(path, QSettings::IniFormat);  // written on another computer
        other.setValue(QStringLiteral("engine/backend"), QStringLiteral("cuda:3"));
    }
    AppSettings s(path);
    QCOMPARE(s.backend(), QStringLiteral("cuda:3"));
    // Without setDevices, apply() lists this computer's devices itself: vulkan:999 is none of them.
    QString whyNot;
    QVERIFY(!AppSettings::check(QStringLiteral("backend=vulkan:999"), {}, &whyNot));
    QVERIFY2(whyNot.startsWith(QStringLiteral("vulkan:999 is not a GPU device of this computer")), qPrintable(whyNot));
}

// New-user trial: `--set language=xx` was accepted and saved, and every later start printed "no translation for xx".
// With the translations known (as rwkv-desktop sets them at start) a code without one is refused and not saved, a
// saved one reads as the system's, and check() says the same without saving anything.
void TestAppSettings::languageNeedsATranslation() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lang.ini"));
    const QStringList languages{QStringLiteral("en"), QStringLiteral("zh_CN")};
    AppSettings s(path);
    s.setLanguages(languages);
    const QString why = QStringLiteral("language must be one of en, zh_CN, or empty for the system language");
    QString whyNot;
    QVERIFY(!s.apply(QStringLiteral("language=xx"), &whyNot));
    QCOMPARE(whyNot, why);
    QVERIFY(!QSettings(path, QSettings::IniFormat).contains(QStringLiteral("ui/language")));  // not saved
    s.setLanguage(QStringLiteral("fr"));  // the QML setter too
    QCOMPARE(s.language(), QString());
    QVERIFY(s.apply(QStringLiteral("language=zh_CN")));
    QCOMPARE(s.language(), QStringLiteral("zh_CN"));
    QVERIFY(s.apply(QStringLiteral("language=")));
    QCOMPARE(s.language(), QString());
    {
        QSettings raw(path, QSettings::IniFormat);  // saved by an older version
        raw.setValue(QStringLiteral("ui/language"), QStringLiteral("xx"));
    }
    QCOMPARE(AppSettings(path).language(), QStringLiteral("xx"));  // languages not set: any well-formed code
    AppSettings reread(path);
    reread.setLanguages(languages);
    QCOMPARE(reread.language(), QString());  // no translation: the system's
    // check(): the same answer as apply(), nothing written anywhere.
    whyNot.clear();
    QVERIFY(!AppSettings::check(QStringLiteral("language=xx"), languages, &whyNot));
    QCOMPARE(whyNot, why);
    QVERIFY(!AppSettings::check(QStringLiteral("samplingPreset=foo"), languages));
    QVERIFY(AppSettings::check(QStringLiteral("language=zh_CN"), languages));
    QVERIFY(AppSettings::check(QStringLiteral("theme=dark"), languages));
    QCOMPARE(QSettings(path, QSettings::IniFormat).value(QStringLiteral("ui/language")).toString(), QStringLiteral("xx"));
}

// Session 25's trial (N2): zh_CN saved, the app started with --lang en. The Settings page's box showed 简体中文 over an
// English window, and choosing 简体中文 did nothing (the saved value unchanged: no signal, no switch). The start's
// language reads as the language in use; any choice applies (languageChanged) and saves, also the saved one; the
// override itself is never saved.
void TestAppSettings::commandLineLanguageIsShownAndAChoiceSavesIt() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("override.ini"));
    AppSettings(path).setLanguage(QStringLiteral("zh_CN"));
    const auto saved = [&path] { return QSettings(path, QSettings::IniFormat).value(QStringLiteral("ui/language")); };
    AppSettings s(path);
    s.setLanguages({QStringLiteral("en"), QStringLiteral("zh_CN")});
    QSignalSpy changed(&s, &AppSettings::languageChanged);
    s.setLanguageOverride(QStringLiteral("en"));
    QCOMPARE(s.language(), QStringLiteral("en"));  // what the window shows
    QCOMPARE(s.savedLanguage(), QStringLiteral("zh_CN"));
    QCOMPARE(saved().toString(), QStringLiteral("zh_CN"));  // the override is not saved
    s.setLanguage(QStringLiteral("zh_CN"));  // the saved one, chosen in the box
    QCOMPARE(changed.count(), 1);
    QCOMPARE(s.language(), QStringLiteral("zh_CN"));
    s.setLanguage(QStringLiteral("zh_CN"));  // no override now: nothing to do
    QCOMPARE(changed.count(), 1);
    // English chosen over an English override: saved (and announced once).
    s.setLanguageOverride(QStringLiteral("en"));
    s.setLanguage(QStringLiteral("en"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(saved().toString(), QStringLiteral("en"));
    // "System default" over an override: the key removed; a code without a translation changes nothing.
    s.setLanguageOverride(QStringLiteral("zh_CN"));
    s.setLanguage(QStringLiteral("fr"));
    QCOMPARE(s.language(), QStringLiteral("zh_CN"));
    QString whyNot;
    QVERIFY(s.apply(QStringLiteral("language="), &whyNot));
    QCOMPARE(changed.count(), 3);
    QCOMPARE(s.language(), QString());
    QVERIFY(!saved().isValid());
}

void TestAppSettings::presets() {
    QCOMPARE(AppSettings(tmp_.filePath(QStringLiteral("p.ini"))).samplingPresetIds(),
             (QStringList{QStringLiteral("chat"), QStringLiteral("precise"), QStringLiteral("creative"),
                          QStringLiteral("custom")}));
    // RWKV-7 spec §8.5: the official chat demo values are the default.
    const ChatParams chat = chatParamsForPreset(QStringLiteral("chat"));
    QCOMPARE(chat.sampler.temperature, 1.0f);
    QCOMPARE(chat.sampler.top_p, 0.3f);
    QCOMPARE(chat.sampler.presence_penalty, 0.5f);
    QCOMPARE(chat.sampler.frequency_penalty, 0.5f);
    QCOMPARE(chat.sampler.penalty_decay, 0.996f);
    QVERIFY(chat.newSeedPerTurn);
    QVERIFY(chat.useConversationPreset);  // a conversation's own preset wins over the default
    QCOMPARE(chatParamsForPreset(QStringLiteral("precise")).sampler.top_p, 0.1f);
    QCOMPARE(chatParamsForPreset(QStringLiteral("creative")).sampler.temperature, 1.2f);
    QCOMPARE(chatParamsForPreset(QStringLiteral("unknown")).sampler.top_p, 0.3f);
    QCOMPARE(chatParamsForPreset(QStringLiteral("chat")).maxTokens, kDefaultReplyTokens);
    QCOMPARE(chatParamsForPreset(QStringLiteral("precise")).preset, QStringLiteral("precise"));
    QCOMPARE(chatParamsForPreset(QStringLiteral("unknown")).preset, QString());
    // The default preset "custom": the values published (DesktopServices does so at start and at each change); its
    // longest reply is taken at the turn (samplingPresetMaxTokens of ChatParams::preset).
    CustomSampling custom;
    custom.sampler.temperature = 0.25f;
    custom.maxTokens = 40;
    setCustomSampling(custom);
    const ChatParams onCustom = chatParamsForPreset(QStringLiteral("custom"));
    QCOMPARE(onCustom.sampler.temperature, 0.25f);
    QCOMPARE(onCustom.sampler.top_p, 0.3f);
    QCOMPARE(onCustom.preset, QStringLiteral("custom"));
    QCOMPARE(samplingPresetMaxTokens(onCustom.preset, onCustom.maxTokens), 40);
    setCustomSampling({});
}

// Settings → Custom sampling: starts from the chat preset's values (RWKV-7 spec §8.5) and 512 tokens; each value set
// is kept across instances and read back exactly as customSampling()'s SamplerParams; a value out of its range, not a
// number or (the reply length) not whole is refused and nothing changes; a hand-edited bad value reads as chat's.
void TestAppSettings::customSamplingPersistsAndRefusesBadValues() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("custom.ini"));
    {
        AppSettings s(path);
        const CustomSampling fresh = s.customSampling();
        QCOMPARE(fresh.sampler.temperature, 1.0f);
        QCOMPARE(fresh.sampler.top_p, 0.3f);
        QCOMPARE(fresh.sampler.presence_penalty, 0.5f);
        QCOMPARE(fresh.sampler.frequency_penalty, 0.5f);
        QCOMPARE(fresh.sampler.penalty_decay, 0.996f);
        QCOMPARE(fresh.maxTokens, 512);
        QSignalSpy changed(&s, &AppSettings::customSamplingChanged);
        QVERIFY(s.setCustomSamplingValue(QStringLiteral("temperature"), 0.7));
        QVERIFY(s.setCustomSamplingValue(QStringLiteral("topP"), 0.0));
        QVERIFY(s.setCustomSamplingValue(QStringLiteral("presencePenalty"), 1.5));
        QVERIFY(s.setCustomSamplingValue(QStringLiteral("frequencyPenalty"), 0.0));
        QVERIFY(s.setCustomSamplingValue(QStringLiteral("penaltyDecay"), 0.99));
        QVERIFY(s.setCustomSamplingValue(QStringLiteral("maxTokens"), 64));
        QCOMPARE(changed.count(), 6);
        QVERIFY(s.setCustomSamplingValue(QStringLiteral("maxTokens"), 64));  // the same again: no change to tell
        QCOMPARE(changed.count(), 6);
        // Refused, each leaving every value as it was.
        for (const auto& [name, value] : {std::pair{"temperature", 2.01}, std::pair{"temperature", -0.1},
                                          std::pair{"topP", 1.5}, std::pair{"presencePenalty", 2.5},
                                          std::pair{"frequencyPenalty", -1.0}, std::pair{"penaltyDecay", 1.001},
                                          std::pair{"maxTokens", 0.0}, std::pair{"maxTokens", 8193.0},
                                          std::pair{"maxTokens", 12.5}, std::pair{"topP", std::nan("")},
                                          std::pair{"temperature", HUGE_VAL}, std::pair{"seed", 1.0}})
            QVERIFY2(!s.setCustomSamplingValue(QString::fromLatin1(name), value), name);
        QCOMPARE(changed.count(), 6);
    }
    AppSettings again(path);
    const CustomSampling kept = again.customSampling();
    QCOMPARE(kept.sampler.temperature, 0.7f);
    QCOMPARE(kept.sampler.top_p, 0.0f);
    QCOMPARE(kept.sampler.presence_penalty, 1.5f);
    QCOMPARE(kept.sampler.frequency_penalty, 0.0f);
    QCOMPARE(kept.sampler.penalty_decay, 0.99f);
    QCOMPARE(kept.maxTokens, 64);
    QCOMPARE(again.customSamplingValues().value(QStringLiteral("maxTokens")).toInt(), 64);
    QCOMPARE(AppSettings::customSamplingFields().size(), 6);

    // Reset: the chat preset's values again.
    QSignalSpy changed(&again, &AppSettings::customSamplingChanged);
    again.resetCustomSampling();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(again.customSampling().sampler.temperature, 1.0f);
    QCOMPARE(again.customSampling().sampler.top_p, 0.3f);
    QCOMPARE(again.customSampling().maxTokens, 512);

    {
        QSettings raw(path, QSettings::IniFormat);  // hand-edited: one out of range, one not a number
        raw.setValue(QStringLiteral("customSampling/temperature"), 9);
        raw.setValue(QStringLiteral("customSampling/maxTokens"), QStringLiteral("lots"));
        raw.setValue(QStringLiteral("customSampling/topP"), 0.5);
    }
    const CustomSampling edited = AppSettings(path).customSampling();
    QCOMPARE(edited.sampler.temperature, 1.0f);
    QCOMPARE(edited.maxTokens, 512);
    QCOMPARE(edited.sampler.top_p, 0.5f);
}

// The --set keys of Custom: set as the page sets them; a refusal names the key's range and changes nothing.
void TestAppSettings::customSamplingKeys() {
    QTemporaryDir dir;
    AppSettings s(dir.filePath(QStringLiteral("kv.ini")));
    QVERIFY(s.apply(QStringLiteral("customTemperature=0")));
    QVERIFY(s.apply(QStringLiteral("customTopP = 0.95")));
    QVERIFY(s.apply(QStringLiteral("customPresencePenalty=0.2")));
    QVERIFY(s.apply(QStringLiteral("customFrequencyPenalty=0.1")));
    QVERIFY(s.apply(QStringLiteral("customPenaltyDecay=0.9")));
    QVERIFY(s.apply(QStringLiteral("customMaxTokens=2000")));
    QVERIFY(s.apply(QStringLiteral("samplingPreset=custom")));
    const CustomSampling c = s.customSampling();
    QCOMPARE(c.sampler.temperature, 0.0f);
    QCOMPARE(c.sampler.top_p, 0.95f);
    QCOMPARE(c.sampler.presence_penalty, 0.2f);
    QCOMPARE(c.sampler.frequency_penalty, 0.1f);
    QCOMPARE(c.sampler.penalty_decay, 0.9f);
    QCOMPARE(c.maxTokens, 2000);
    QCOMPARE(s.samplingPreset(), QStringLiteral("custom"));
    const QList<std::pair<QString, QString>> refused{
        {QStringLiteral("customTemperature=3"), QStringLiteral("customTemperature must be a number from 0 to 2")},
        {QStringLiteral("customTopP=high"), QStringLiteral("customTopP must be a number from 0 to 1")},
        {QStringLiteral("customPresencePenalty=-1"), QStringLiteral("customPresencePenalty must be a number from 0 to 2")},
        {QStringLiteral("customFrequencyPenalty=nan"), QStringLiteral("customFrequencyPenalty must be a number from 0 to 2")},
        {QStringLiteral("customPenaltyDecay=2"), QStringLiteral("customPenaltyDecay must be a number from 0 to 1")},
        {QStringLiteral("customMaxTokens=12.5"), QStringLiteral("customMaxTokens must be a whole number from 1 to 8192")},
        {QStringLiteral("customMaxTokens="), QStringLiteral("customMaxTokens must be a whole number from 1 to 8192")},
    };
    for (const auto& [keyValue, why] : refused) {
        QString whyNot;
        QVERIFY2(!s.apply(keyValue, &whyNot), qPrintable(keyValue));
        QCOMPARE(whyNot, why);
    }
    QCOMPARE(s.customSampling().sampler.temperature, 0.0f);
    QCOMPARE(s.customSampling().maxTokens, 2000);
    QString whyNot;
    QVERIFY(!s.apply(QStringLiteral("customSeed=1"), &whyNot));  // not a Custom value
    QVERIFY2(whyNot.startsWith(QStringLiteral("unknown key 'customSeed'")), qPrintable(whyNot));
    QVERIFY(AppSettings::check(QStringLiteral("customTopP=0.5"), {}));
    QVERIFY(!AppSettings::check(QStringLiteral("customTopP=5"), {}));
}

void TestAppSettings::deviceRows() {
    DeviceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.listed());
    QCOMPARE(model.rowCount(), 2);  // Automatic and CPU are always there

    rwkv::DeviceInfo gpu;
    gpu.backend = "vulkan:0";
    gpu.name = "Radeon RX 7600";
    gpu.total_bytes = std::size_t(8) << 30;
    gpu.device_type = "discrete";
    rwkv::DeviceInfo old;
    old.backend = "vulkan:1";
    old.name = "Old GPU";
    old.device_type = "integrated";
    old.usable = false;
    old.unavailable_reason = "needs Vulkan 1.2 and 16-bit storage buffers";
    model.setDevices({gpu, old}, {"cpu", "vulkan"}, 8);
    QVERIFY(model.listed());
    QCOMPARE(model.rowCount(), 5);  // auto, cpu, two Vulkan adapters, CUDA not in this build
    auto row = [&](int r, int role) { return model.data(model.index(r), role); };
    QCOMPARE(row(0, DeviceListModel::BackendRole).toString(), QStringLiteral("auto"));
    QCOMPARE(row(1, DeviceListModel::BackendRole).toString(), QStringLiteral("cpu"));
    QCOMPARE(row(1, DeviceListModel::DetailRole).toString(), QStringLiteral("8 hardware threads"));
    QCOMPARE(row(2, DeviceListModel::LabelRole).toString(), QStringLiteral("Radeon RX 7600 · Vulkan 0"));
    QCOMPARE(row(2, DeviceListModel::DetailRole).toString(), QStringLiteral("8.0 GiB memory · discrete GPU"));
    QCOMPARE(row(2, DeviceListModel::AvailableRole).toBool(), true);
    QCOMPARE(row(3, DeviceListModel::AvailableRole).toBool(), false);
    QCOMPARE(row(3, DeviceListModel::DetailRole).toString(),
             QStringLiteral("Unavailable: needs Vulkan 1.2 and 16-bit storage buffers"));
    QCOMPARE(row(4, DeviceListModel::BackendRole).toString(), QStringLiteral("cuda"));
    QCOMPARE(row(4, DeviceListModel::AvailableRole).toBool(), false);
    QVERIFY(row(4, DeviceListModel::DetailRole).toString().contains(QStringLiteral("no CUDA backend")));
    // Not built in: drawn neutral (it was red, session 33's trial); an unusable adapter stays a problem.
    QCOMPARE(row(4, DeviceListModel::NotBuiltRole).toBool(), true);
    QCOMPARE(row(3, DeviceListModel::NotBuiltRole).toBool(), false);
    QCOMPARE(row(2, DeviceListModel::NotBuiltRole).toBool(), false);
    QCOMPARE(model.indexOf(QStringLiteral("vulkan:1")), 3);
    QCOMPARE(model.indexOf(QStringLiteral("cuda:0")), -1);
    QCOMPARE(model.backendAt(2), QStringLiteral("vulkan:0"));
    QCOMPARE(model.backendAt(9), QString());

    // lavapipe (Mesa's software Vulkan) replied ~50 times slower than the CPU row with no word of it (session 33's
    // trial): its row says so. ("auto" never picks it: test_vulkan_forward.)
    rwkv::DeviceInfo lavapipe;
    lavapipe.backend = "vulkan:0";
    lavapipe.name = "llvmpipe (LLVM 15.0.6, 256 bits)";
    lavapipe.total_bytes = std::size_t(2) << 30;
    lavapipe.device_type = "cpu";
    model.setDevices({lavapipe}, {"cpu", "vulkan"}, 2);
    QCOMPARE(row(2, DeviceListModel::DetailRole).toString(),
             QStringLiteral("2.0 GiB memory · software renderer on the CPU: much slower than the CPU row above"));

    // A compiled-in backend whose driver is missing: one unavailable row that says so in a sentence, not in CUDA's
    // words ("CUDA driver version is insufficient for CUDA runtime version" was the row's text: session 22's trial, F7).
    rwkv::DeviceInfo noDriver;
    noDriver.backend = "cuda";
    noDriver.name = "CUDA";
    noDriver.usable = false;
    noDriver.unavailable_reason = "no NVIDIA GPU driver found: use the CPU or Vulkan (CUDA: CUDA driver version is "
                                  "insufficient for CUDA runtime version)";
    noDriver.problem = rwkv::DeviceProblem::NoDriver;
    model.setDevices({noDriver}, {"cpu", "cuda", "vulkan"}, 2);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(row(2, DeviceListModel::LabelRole).toString(), QStringLiteral("CUDA"));
    QCOMPARE(row(2, DeviceListModel::AvailableRole).toBool(), false);
    QCOMPARE(row(2, DeviceListModel::DetailRole).toString(),
             QStringLiteral("Unavailable: no NVIDIA GPU driver found. Use the CPU or Vulkan."));
    noDriver.problem = rwkv::DeviceProblem::NoDevice;
    model.setDevices({noDriver}, {"cpu", "cuda", "vulkan"}, 2);
    QCOMPARE(row(2, DeviceListModel::DetailRole).toString(), QStringLiteral("Unavailable: no NVIDIA GPU found. Use the CPU or Vulkan."));

    // The real listing never throws and always keeps Automatic and CPU first; an unavailable CUDA says why in a sentence:
    // no driver (CI: CUDA compiled in, no GPU) or not compiled in (a -DRWKV_ENABLE_CUDA=OFF build).
    model.refresh();
    QVERIFY(model.rowCount() >= 2);
    QCOMPARE(model.backendAt(0), QStringLiteral("auto"));
    QCOMPARE(model.backendAt(1), QStringLiteral("cpu"));
    if (const int cuda = model.indexOf(QStringLiteral("cuda")); cuda >= 0) {
        const QString detail = row(cuda, DeviceListModel::DetailRole).toString();
        const bool noDriver = detail.contains(QStringLiteral("NVIDIA"));
        const bool notBuilt = detail == QStringLiteral("Unavailable: this build of RWKV Desktop has no CUDA backend");
        QVERIFY2(!detail.contains(QStringLiteral("CUDA driver version")) && (noDriver || notBuilt), qPrintable(detail));
    }
}

// A downloaded model (or one opened with the model button) loads again at the next start; before, every start loaded
// the demo model and the Models page had no way to pick a downloaded file. Never set: the demo model.
void TestAppSettings::modelChosenLastLoadsAtStart() {
    QTemporaryDir dir;
    const QString demo = QStringLiteral("/usr/share/rwkv-desktop/tiny-rwkv7-834K.pth");
    const QString downloaded = dir.filePath(QStringLiteral("rwkv7-g1-1.5b.pth"));
    QFile f(downloaded);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    {
        AppSettings s(file());
        QCOMPARE(s.startModel({}, demo), demo);
        s.setLastModel(downloaded);
    }
    AppSettings s(file());  // a restart
    QCOMPARE(s.lastModel(), downloaded);
    QCOMPARE(s.startModel({}, demo), downloaded);
    QCOMPARE(s.startModel(QStringLiteral("other.gguf"), demo), QStringLiteral("other.gguf"));  // --model wins
    QVERIFY(QFile::remove(downloaded));
    // Deleted meanwhile, or on a drive not mounted now: still the start model (its load fails and the demo model
    // stands in with a banner naming it; main.cpp keeps the choice). Before, the demo model, without a word.
    QCOMPARE(s.startModel({}, demo), downloaded);
    // Deleted with Models → Delete (session 33's trial, LOW: the banner "does not exist" came at every start): forgotten,
    // the demo model loads. Another file's deletion leaves the choice.
    s.forgetDeletedModel(dir.filePath(QStringLiteral("other.pth")));
    QCOMPARE(s.lastModel(), downloaded);
    s.forgetDeletedModel(downloaded);
    QCOMPARE(s.lastModel(), QString());
    QCOMPARE(s.startModel({}, demo), demo);
    s.setLastModel(downloaded);
    s.setLastModel({});
    QCOMPARE(s.lastModel(), QString());
    // Renamed while in use (Models found it by its inode, session 54's loose ends): the next start loads it by its new
    // name, not "does not exist"; another file's rename leaves the choice.
    s.setLastModel(downloaded);
    const QString renamed = dir.filePath(QStringLiteral("g1.pth"));
    s.followRenamedModel(dir.filePath(QStringLiteral("other.pth")), renamed);
    QCOMPARE(s.lastModel(), downloaded);
    s.followRenamedModel(downloaded, renamed);
    QCOMPARE(s.lastModel(), renamed);
    QCOMPARE(s.startModel({}, demo), renamed);
}

// Session 56's trial: a change the settings file could not take (its disk full) was gone at the next start, beside the
// Settings page's "Settings are saved at once in …". saveProblem says why; a file that can be written says nothing.
void TestAppSettings::aChangeThatCannotBeWrittenIsSaid() {
    QTemporaryDir dir;
    {
        AppSettings s(dir.filePath(QStringLiteral("ok.ini")));
        QSignalSpy problem(&s, &AppSettings::saveProblemChanged);
        s.setTheme(QStringLiteral("dark"));
        QCOMPARE(s.saveProblem(), QString());
        QCOMPARE(problem.count(), 0);
        QCOMPARE(QSettings(dir.filePath(QStringLiteral("ok.ini")), QSettings::IniFormat).value("ui/theme").toString(),
                 QStringLiteral("dark"));  // written at once, not only when the object goes
    }
    QFile blocker(dir.filePath(QStringLiteral("a file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    AppSettings s(dir.filePath(QStringLiteral("a file/settings.ini")));  // its folder is a file: nothing can be made
    QSignalSpy problem(&s, &AppSettings::saveProblemChanged);
    s.setTheme(QStringLiteral("dark"));
    QCOMPARE(s.theme(), QStringLiteral("dark"));  // for this run
    QCOMPARE(s.saveProblem(), QStringLiteral("unwritable"));
    QCOMPARE(problem.count(), 1);
    s.setTextSize(115);
    QCOMPARE(s.saveProblem(), QStringLiteral("unwritable"));
    QCOMPARE(problem.count(), 1);  // said once
    // Said until the app quits, also once there is room again: QSettings keeps its first error (status()), and the
    // reason stays the one found then.
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("a file"))));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a file")));
    s.setTextSize(130);
    QCOMPARE(s.saveProblem(), QStringLiteral("unwritable"));
    QCOMPARE(problem.count(), 1);
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "test_app_settings.moc"
