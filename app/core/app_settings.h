// app_settings.h — the user's preferences from the Settings page, stored with QSettings in the platform's standard
// place (~/.config/rwkv-desktop/rwkv-desktop.conf on Linux; QStandardPaths::GenericConfigLocation). Every setter
// validates, stores at once and emits its signal; bad stored values read back as the defaults. The model
// manager keeps its own keys ("models/...", models/model_settings.h). Tested in tests/app/test_app_settings.cpp.
#pragma once

#include <QObject>
#include <QMap>
#include <QSet>
#include <QSettings>
#include <QString>
#include <QUrl>
#include <QStringList>
#include <QVariantMap>
#include <QVariantList>

#include <memory>
#include <optional>

#include "chat_session.h"
#include "sampling_presets.h"

namespace rwkv::app {

class DraftStore;

/// The GUI's ChatParams for a default sampling preset (sampling_presets.h; the official chat values for an unknown
/// name; ChatParams::preset names it): a new seed per reply, and a conversation's own preset, when it has one, wins
/// over this default.
ChatParams chatParamsForPreset(const QString& name);

/// The folder a `data/folder` value names, absolute and cleaned: a relative one (written by hand in the settings file:
/// "chats", "~/chats") is taken from the home folder, whatever folder the app was started in; an absolute one loses
/// any trailing "/" or "..". Empty stays empty (the standard folder).
QString chosenFolderPath(const QString& saved);

class AppSettings : public QObject {
    Q_OBJECT
    /// "auto" (CUDA when the model fits, else CPU), "cpu", "cuda:N", "vulkan:N" — LoadOptions::backend.
    Q_PROPERTY(QString backend READ backend WRITE setBackend NOTIFY backendChanged)
    /// How the model's weights are kept in memory: "fp16" (the default: exact, 2 bytes a weight) or "int8" (weight-only,
    /// per-row scales: about half the memory, logits within ~0.5 of fp16) — LoadOptions::weight_dtype.
    Q_PROPERTY(QString weightType READ weightType WRITE setWeightType NOTIFY weightTypeChanged)
    /// CPU threads for the engine; 0 = one per hardware thread.
    Q_PROPERTY(int threads READ threads WRITE setThreads NOTIFY threadsChanged)
    Q_PROPERTY(int maxThreads READ maxThreads CONSTANT)
    /// The default sampling preset of replies (a name of samplingPresetNames(); conversations may choose their own).
    Q_PROPERTY(QString samplingPreset READ samplingPreset WRITE setSamplingPreset NOTIFY samplingPresetChanged)
    Q_PROPERTY(QStringList samplingPresetIds READ samplingPresetIds CONSTANT)
    /// Settings → Custom sampling: the "custom" preset's values by name (customSamplingFields' names: "temperature",
    /// "topP", "presencePenalty", "frequencyPenalty", "penaltyDecay", "maxTokens"), as customSampling() reads them.
    Q_PROPERTY(QVariantMap customSamplingValues READ customSamplingValues NOTIFY customSamplingChanged)
    /// The custom values' fields in the Settings page's order: {"name", "min", "max", "decimals"} each.
    Q_PROPERTY(QVariantList customSamplingFields READ customSamplingFields CONSTANT)
    /// Settings → Instructions for new chats: the system prompt a new chat starts with (empty: none; a chat keeps its
    /// own once made, and changes them in its "⋯" menu).
    Q_PROPERTY(QString newChatInstructions READ newChatInstructions WRITE setNewChatInstructions
                   NOTIFY newChatInstructionsChanged)
    /// Folder for conversations.sqlite, absolute (chosenFolderPath); empty = the standard one. Used from the next start.
    Q_PROPERTY(QString dataDir READ dataDir WRITE setDataDir NOTIFY dataDirChanged)
    /// The data folder in use now (what resolveDataDir gave at start).
    Q_PROPERTY(QString activeDataDir READ activeDataDir CONSTANT)
    /// Interface language in use: "" = the system's, else a locale name ("en", "zh_CN"): the start's override when
    /// there is one (setLanguageOverride), else the saved choice. Switched at run time.
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    /// "system", "light" or "dark".
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
    /// The text size in percent of the standard one (message text 14 px at 100): one of textSizeSteps(). Theme.qml
    /// scales every font, and the rows and buttons sized around text, by it; Ctrl+= / Ctrl+- step it, Ctrl+0 resets.
    Q_PROPERTY(int textSize READ textSize WRITE setTextSize NOTIFY textSizeChanged)
    Q_PROPERTY(QList<int> textSizeSteps READ textSizeSteps CONSTANT)
    /// Where the settings are stored (shown in Settings).
    Q_PROPERTY(QString fileName READ fileName CONSTANT)
    /// Why the settings file could not be written at a change: "full" (its disk has no room) or "unwritable" (any
    /// other refusal: QSettings::AccessError), empty while every change was written. A change that could not be
    /// written holds until the app quits; the Settings page says so where it says the file's name (session 56's trial:
    /// a theme chosen on a full disk was gone at the next start, beside "Settings are saved at once in …").
    Q_PROPERTY(QString saveProblem READ saveProblem NOTIFY saveProblemChanged)
    /// The local OpenAI-compatible API server (ApiServer, docs/api.md) on 127.0.0.1:apiPort; off by default.
    Q_PROPERTY(bool apiServer READ apiServer WRITE setApiServer NOTIFY apiServerChanged)
    Q_PROPERTY(int apiPort READ apiPort WRITE setApiPort NOTIFY apiPortChanged)

public:
    /// `file` empty: the platform's standard settings (organization/application names of QCoreApplication);
    /// otherwise an INI file (tests).
    explicit AppSettings(const QString& file = {}, QObject* parent = nullptr);
    ~AppSettings() override;

    QString backend() const;
    void setBackend(const QString& backend);
    QString weightType() const;
    /// The weight type stored in the settings file when it is not one weightType() knows (hand-edited: "int4",
    /// "INT8"), for a warning; empty when it is known or not set (weightType() then reads "fp16").
    QString unknownWeightType() const;
    void setWeightType(const QString& type);
    int threads() const;
    void setThreads(int threads);
    int maxThreads() const;
    QString samplingPreset() const;
    void setSamplingPreset(const QString& id);
    QStringList samplingPresetIds() const;
    /// The "custom" preset (sampling_presets.h): the values set (setCustomSamplingValue), each one never set or out of
    /// its range in the file (hand-edited) read as the "chat" preset's (RWKV-7 spec §8.5) and kDefaultReplyTokens.
    /// The app's wiring publishes it with setCustomSampling() at start and on customSamplingChanged.
    CustomSampling customSampling() const;
    QVariantMap customSamplingValues() const;
    static QVariantList customSamplingFields();
    /// Sets one custom value (a name of customSamplingFields) and emits customSamplingChanged when it changed.
    /// Refuses (false, nothing stored) an unknown name, a value outside its field's [min, max] or not finite, and a
    /// maxTokens that is not a whole number.
    Q_INVOKABLE bool setCustomSamplingValue(const QString& name, double value);
    /// Settings' "Reset to the chat preset's values": every custom value back to the "chat" preset's.
    Q_INVOKABLE void resetCustomSampling();
    QString newChatInstructions() const;
    void setNewChatInstructions(const QString& text);  // blanks only: none
    QString dataDir() const;
    void setDataDir(const QString& pathOrUrl);
    QString activeDataDir() const { return activeDataDir_; }
    /// Set once at start, before QML reads it.
    void setActiveDataDir(const QString& dir) { activeDataDir_ = dir; }
    QString language() const;
    /// Applies and saves `language` (emits languageChanged) and ends the start's override; without an override, the
    /// saved language again does nothing.
    void setLanguage(const QString& language);
    /// The language saved by the Settings page (ui/language), whatever this start's override.
    QString savedLanguage() const;
    /// The language this start was told to use on its command line (--lang, $RWKV_DESKTOP_LANG), as the translation
    /// shown (LanguageSwitcher::current): language() reads it — the Settings page shows what the window shows — until
    /// setLanguage() chooses one. Never saved: the next start without --lang uses the saved language again.
    void setLanguageOverride(const QString& language) { languageOverride_ = language; }
    QString theme() const;
    void setTheme(const QString& theme);
    /// The text size when none is saved, and what Ctrl+0 puts back.
    static constexpr int kDefaultTextSize = 100;
    /// The text size; a saved value that is not a step (hand-edited) reads as kDefaultTextSize.
    int textSize() const;
    /// Ignores a size that is not one of textSizeSteps().
    void setTextSize(int percent);
    /// The sizes offered, ascending: 85, 100, 115, 130, 150.
    static QList<int> textSizeSteps();
    /// Moves the text size `steps` steps up (positive) or down along textSizeSteps(), stopping at either end (the
    /// window's Ctrl+= and Ctrl+-). Returns whether it changed.
    Q_INVOKABLE bool stepTextSize(int steps);
    /// The API server's port when none is saved.
    static constexpr int kDefaultApiPort = 8765;
    /// The lowest port the API server listens on (ApiServer::kLowestPort, asserted equal there): the ports below are
    /// the system's services'. Settings, --set apiPort and --api-port take kLowestApiPort-65535.
    static constexpr int kLowestApiPort = 1024;
    bool apiServer() const;
    void setApiServer(bool on);
    /// The saved port; kDefaultApiPort where none is saved or the saved one is outside kLowestApiPort-65535 (one
    /// chosen below 1024 before session 55, which the server refuses since session 54).
    int apiPort() const;
    /// Ignores a port outside kLowestApiPort-65535.
    void setApiPort(int port);
    /// The model file chosen last (set when a model loads; empty = the bundled demo model): the one loaded at the next
    /// start.
    QString lastModel() const;
    void setLastModel(const QString& path);
    /// Models → Delete removed the file `path`: when it is lastModel(), the next start loads the demo model without a
    /// word (it said "The model file … does not exist" at every start: session 33's trial, LOW). A file gone another
    /// way (a drive not mounted) stays the choice, and its start says so.
    void forgetDeletedModel(const QString& path);
    /// The model file `oldPath` was renamed or moved to `newPath` while in use (ModelManagerController::
    /// modelInUseRenamed): when it is lastModel(), the next start loads it by its new path. Before, the next start said
    /// "The model file … does not exist" and loaded the demo model (session 54's loose ends). A file renamed while the
    /// app is not running is not looked for: a start names the file it cannot find, as for a drive not mounted.
    void followRenamedModel(const QString& oldPath, const QString& newPath);
    /// The text left in conversation `conversationId`'s message box, not sent (0: the new chat, not saved yet), of the
    /// database in activeDataDir(); empty when none. Kept beside the settings, not in the database: a message the
    /// database refused (a full disk) was lost at quit, and the settings usually live on another disk. Keyed by the
    /// database's path, so another data folder's chat of the same id has its own.
    Q_INVOKABLE QString draft(qint64 conversationId) const;
    /// Keeps `text` as that draft, written at once to the drafts file (draftsFileName(), all or nothing: DraftStore);
    /// a text of blanks only removes it (a message sent). Returns whether the file holds it (false: not kept, e.g. a
    /// full disk — the composer says so; the file keeps the drafts it held, and the settings file is not touched).
    /// `held`: how many of its first characters were held beside the box (a long paste), kept for draftHeld().
    Q_INVOKABLE bool setDraft(qint64 conversationId, const QString& text, int held = 0);
    /// How many characters at the start of draft(conversationId) were held beside the message box when it was saved
    /// (setDraft's `held`), the rest typed in the box; 0 when none or not known (DraftStore::held). Composer.qml parts
    /// a draft so: by its text alone, the box got back only the typed text's last paragraph (session 58's loose ends).
    Q_INVOKABLE int draftHeld(qint64 conversationId) const;
    /// Drops the drafts of the database in activeDataDir() whose conversation is not among `conversations` (those in
    /// the trash included; the new chat's stays), writing the drafts file when there were any: at start, for the chats
    /// purged from the trash after 30 days or deleted by another program or build while the app was not running.
    /// Before, their text stayed in the file for good (session 36's list). Returns how many were dropped.
    int dropDraftsOfOtherChats(const QSet<qint64>& conversations);
    /// When draft(conversationId) was last changed, in ms since the Unix epoch; 0 when unknown.
    qint64 draftSavedAt(qint64 conversationId) const;
    /// The drafts file: beside the settings file, "<its name>-drafts.json".
    QString draftsFileName() const;
    /// The sidebar's collapsed folders (their ids) in the database in activeDataDir(): a folder id is its library's
    /// own, so each database has its list (keyed as the drafts are). ConversationListModel reads it at start.
    QSet<qint64> collapsedFolders() const;
    /// Keeps folder `folderId` collapsed or not (ConversationListModel::folderCollapsedChanged).
    void setFolderCollapsed(qint64 folderId, bool collapsed);
    /// False while that draft is not in the drafts file as draft() answers it (its save did not fit, a full disk) and
    /// no later write of the file carried it there; true otherwise (also with no draft). Composer.qml asks when a chat
    /// opens, so the note that the text can't be kept comes back with it: it went after another chat and back, the
    /// text still unsaved (session 34's check).
    Q_INVOKABLE bool draftKept(qint64 conversationId) const;
    /// Why the drafts not kept (draftKept false) are not: {"kind": "diskFull" | "noPermission" | "other" (empty when
    /// the last write of the drafts file fitted), "file": draftsFileName(), "reason": for "noPermission" the app's
    /// translated words ("permission denied", "read-only file system"; the system's English showed in the Chinese
    /// question, session 36's check), for "other" the system's ("Input/output error")}. Main.qml words its note and
    /// its question at quit by the kind: a file of mode 000 or a read-only folder read "the disk is full" (session 35).
    Q_INVOKABLE QVariantMap draftProblem() const;
    /// The conversations (ids, ascending; 0: the new chat) of the database in activeDataDir() whose draft holds text
    /// that the drafts file does not (draftKept false): what quitting now would lose. Main.qml asks about every one of
    /// them at quit, not only the chat on screen: a chat left while the disk was full lost its text without a word.
    Q_INVOKABLE QVariantList unkeptDrafts() const;
    /// What to load at start: `commandLine` (--model) if given, else lastModel() if set — also when that file is gone
    /// (deleted, its drive not mounted): its load fails, main.cpp loads the demo model in its place with a banner that
    /// names the file, and the choice stays for the next start —, else `demoModel`.
    QString startModel(const QString& commandLine, const QString& demoModel) const;
    /// The folder Import… and Export… open in: the folder of the file imported or exported last
    /// (rememberFileFolder), while it is still there; else defaultFileFolder().
    QString fileFolder() const;
    /// Remembers the folder of the local file `path` for fileFolder(), when that folder exists. Returns whether the
    /// remembered folder changed.
    bool rememberFileFolder(const QString& path);
    /// Where file dialogs open the first time: the user's Documents folder when it exists, else the home folder.
    static QString defaultFileFolder();
    /// The folder the starting-state dialog (Main.qml's startStateDialog) opens in: the folder of the state file chosen
    /// last (rememberStartStateFile) while it is still there, else the data folder's states/ (imported starting states,
    /// start_state_bundle.h) when there is one, else the home folder. Before session 58 it opened in the folder the app
    /// was started from.
    Q_INVOKABLE QUrl startStateFolder() const;
    /// Remembers the folder of the state file `pathOrUrl` (a path or a file: URL) for startStateFolder(), when that
    /// folder exists.
    Q_INVOKABLE void rememberStartStateFile(const QString& pathOrUrl);
    QString fileName() const { return settings_->fileName(); }
    QString saveProblem() const { return saveProblem_; }

    /// Applies "key=value" (the --set test hook and scripts): the same setters as the Settings page. Returns
    /// false for an unknown key or a value the setter refuses; `whyNot` then gets a sentence naming the keys or the
    /// values accepted ("samplingPreset must be one of chat, precise, creative"; English, for the terminal).
    bool apply(const QString& keyValue, QString* whyNot = nullptr);
    /// Whether apply(keyValue) would succeed on settings with these languages, found out on a throwaway settings
    /// file (nothing is saved): rwkv-desktop checks every --set before it starts and stops with exit status 1.
    static bool check(const QString& keyValue, const QStringList& languages, QString* whyNot = nullptr);
    /// The interface languages with a translation ("en", "zh_CN"; set at start from the embedded catalogues). Once
    /// set, setLanguage() ignores any other code and language() reads a saved one that is not among them as ""
    /// (the system's); empty (the default, tests) accepts any well-formed code.
    void setLanguages(const QStringList& languages) { languages_ = languages; }
    /// The GPU devices apply("backend=cuda:N|vulkan:N") accepts: backend string -> name, the usable ones (the Settings
    /// page's rows that can be chosen). Not set (the default): apply() lists them itself (rwkv::list_all_devices) the
    /// first time a device is named. setBackend() does not look (a settings file from another computer still reads).
    void setDevices(const QMap<QString, QString>& devices) { devices_ = devices; }
    /// The usable GPU devices of this computer, as setDevices() takes them.
    static QMap<QString, QString> usableDevices();
    /// Writes pending changes to disk (also done on destruction).
    void sync() { settings_->sync(); }

    /// True when `backend` is a LoadOptions::backend string this app accepts ("auto", "cpu", "cuda:N", "vulkan:N").
    static bool isBackendString(const QString& backend);

private:
    /// A change of the settings: set (or remove, for a null `value`) `key`, write the file at once and note whether
    /// it could be (saveProblem).
    void store(const QString& key, const QVariant& value);
    /// apply() for the keys "customTemperature", "customTopP", ... (app_settings_sampling.cpp); nullopt for another key.
    std::optional<bool> applyCustomSampling(const QString& key, const QString& value, QString* whyNot);

signals:
    void backendChanged();
    void weightTypeChanged();
    void threadsChanged();
    void samplingPresetChanged();
    void customSamplingChanged();
    void newChatInstructionsChanged();
    void dataDirChanged();
    void languageChanged();
    void themeChanged();
    void textSizeChanged();
    void apiServerChanged();
    void apiPortChanged();
    void saveProblemChanged();

private:
    std::unique_ptr<QSettings> settings_;
    std::unique_ptr<DraftStore> drafts_;
    QString activeDataDir_;
    QStringList languages_;
    QString languageOverride_;  // setLanguageOverride
    std::optional<QMap<QString, QString>> devices_;
    QString saveProblem_;
};

}  // namespace rwkv::app
