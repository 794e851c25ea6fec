// app_settings.cpp — see app_settings.h.
#include "app_settings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <cerrno>

#include "app_paths.h"
#include "draft_store.h"
#include "rwkv/devices.h"
#include "sampling_presets.h"

namespace rwkv::app {
namespace {

const QString kBackend = QStringLiteral("engine/backend");
const QString kWeightType = QStringLiteral("engine/weightType");
const QStringList kWeightTypes = {QStringLiteral("fp16"), QStringLiteral("int8")};
const QString kThreads = QStringLiteral("engine/threads");
const QString kPreset = QStringLiteral("chat/samplingPreset");
const QString kNewChatInstructions = QStringLiteral("chat/newChatInstructions");
const QString kDataDir = QStringLiteral("data/folder");
const QString kLanguage = QStringLiteral("ui/language");
const QString kTheme = QStringLiteral("ui/theme");
const QString kTextSize = QStringLiteral("ui/textSize");
const QString kApiServer = QStringLiteral("api/enabled");
const QString kApiPort = QStringLiteral("api/port");
const QString kLastModel = QStringLiteral("chat/lastModel");
const QString kFileFolder = QStringLiteral("files/lastFolder");
const QString kStartStateFolder = QStringLiteral("files/lastStartStateFolder");
const QString kDrafts = QStringLiteral("drafts");

const QStringList kThemes{QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")};
const QList<int> kTextSizes{85, 100, 115, 130, 150};

}  // namespace

ChatParams chatParamsForPreset(const QString& name) {
    ChatParams params;
    params.sampler = samplingPreset(name).value_or(SamplerParams{});
    if (samplingPreset(name)) params.preset = name;
    params.newSeedPerTurn = true;
    params.useConversationPreset = true;
    return params;
}

// The drafts file beside the settings file: rwkv-desktop.conf -> rwkv-desktop-drafts.json.
static QString draftsFileFor(const QString& settingsFile) {
    const QFileInfo info(settingsFile);
    return info.absolutePath() + u'/' + info.completeBaseName() + QStringLiteral("-drafts.json");
}

AppSettings::AppSettings(const QString& file, QObject* parent)
    : QObject(parent),
      settings_(file.isEmpty() ? std::make_unique<QSettings>() : std::make_unique<QSettings>(file, QSettings::IniFormat)),
      drafts_(std::make_unique<DraftStore>(draftsFileFor(settings_->fileName()))) {
    // Drafts kept by sessions 33-34 as settings keys (drafts/<database>/<id>) move to the drafts file, once: only while
    // there is no drafts file yet; the keys go once the file holds them. Where they cannot go (a read-only settings
    // file) they stay behind, never taken over again: a draft sent since would come back (session 35's check).
    settings_->beginGroup(kDrafts);
    const QStringList keys = settings_->allKeys();
    if (!drafts_->existed()) {
        for (const QString& key : keys) {
            const QString database = key.section(u'/', 0, 0);
            bool ok = false;
            const qint64 id = key.section(u'/', 1).toLongLong(&ok);
            if (ok) drafts_->adopt(database, id, settings_->value(key).toString());
        }
    }
    settings_->endGroup();
    if (!keys.isEmpty() && (drafts_->existed() || drafts_->write())) store(kDrafts, {});
}

AppSettings::~AppSettings() { settings_->sync(); }

void AppSettings::store(const QString& key, const QVariant& value) {
    if (value.isNull()) settings_->remove(key);
    else settings_->setValue(key, value);
    settings_->sync();  // at once, as the Settings page says, and so that a refusal is known now
    // QSettings keeps its first error (status() is not reset by a later write that works): said until the app quits,
    // with the reason found then.
    if (!saveProblem_.isEmpty()) return;
    QString problem;
    if (settings_->status() == QSettings::AccessError) {
        // QSettings writes a new file and renames it over the old one (which stays whole): a disk without room for it
        // is the likely reason, else the folder or file cannot be written.
        const QStorageInfo disk(QFileInfo(settings_->fileName()).absolutePath());
        const qint64 room = disk.isValid() ? disk.bytesAvailable() : -1;
        problem = room >= 0 && room < QFileInfo(settings_->fileName()).size() + 4096 ? QStringLiteral("full")
                                                                                  : QStringLiteral("unwritable");
    }
    if (problem == saveProblem_) return;
    saveProblem_ = problem;
    emit saveProblemChanged();
}

bool AppSettings::isBackendString(const QString& backend) {
    static const QRegularExpression re(QStringLiteral("^(auto|cpu|cuda:\\d+|vulkan:\\d+)$"));
    return re.match(backend).hasMatch();
}

QString AppSettings::backend() const {
    const QString b = settings_->value(kBackend).toString();
    return isBackendString(b) ? b : QStringLiteral("auto");
}

void AppSettings::setBackend(const QString& backend) {
    if (!isBackendString(backend) || backend == this->backend()) return;
    store(kBackend, backend);
    emit backendChanged();
}

QString AppSettings::weightType() const {
    const QString t = settings_->value(kWeightType).toString();
    return kWeightTypes.contains(t) ? t : kWeightTypes.first();
}

QString AppSettings::unknownWeightType() const {
    const QString t = settings_->value(kWeightType).toString();
    return kWeightTypes.contains(t) ? QString() : t;
}

void AppSettings::setWeightType(const QString& type) {
    if (!kWeightTypes.contains(type) || type == weightType()) return;
    store(kWeightType, type);
    emit weightTypeChanged();
}

int AppSettings::maxThreads() const { return std::max(1, QThread::idealThreadCount()); }

int AppSettings::threads() const {
    bool ok = false;
    const int t = settings_->value(kThreads, 0).toInt(&ok);
    return ok && t >= 0 && t <= maxThreads() ? t : 0;
}

void AppSettings::setThreads(int threads) {
    if (threads < 0 || threads > maxThreads() || threads == this->threads()) return;
    store(kThreads, threads);
    emit threadsChanged();
}

QStringList AppSettings::samplingPresetIds() const { return samplingPresetNames(); }

QString AppSettings::samplingPreset() const {
    const QString id = settings_->value(kPreset).toString();
    return samplingPresetIds().contains(id) ? id : samplingPresetIds().constFirst();
}

void AppSettings::setSamplingPreset(const QString& id) {
    if (!samplingPresetIds().contains(id) || id == samplingPreset()) return;
    store(kPreset, id);
    emit samplingPresetChanged();
}

QString AppSettings::newChatInstructions() const { return settings_->value(kNewChatInstructions).toString(); }

void AppSettings::setNewChatInstructions(const QString& text) {
    const QString t = text.trimmed().isEmpty() ? QString() : text;
    if (t == newChatInstructions()) return;
    if (t.isEmpty())
        store(kNewChatInstructions, {});
    else
        store(kNewChatInstructions, t);
    emit newChatInstructionsChanged();
}

QString chosenFolderPath(const QString& saved) {
    if (saved.isEmpty()) return {};
    // From the current folder it was a different folder at each start from another place (a terminal, the menu), and
    // Settings said "Used from the next start" of the folder in use (session 26's trial, F12).
    QString path = saved;
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) path = path.mid(path.size() > 1 ? 2 : 1);
    return QDir::cleanPath(QDir::home().absoluteFilePath(path));
}

QString AppSettings::dataDir() const { return chosenFolderPath(settings_->value(kDataDir).toString()); }

void AppSettings::setDataDir(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (!path.isEmpty()) path = QDir(path).absolutePath();
    if (path == dataDir()) return;
    if (path.isEmpty()) store(kDataDir, {});
    else store(kDataDir, path);
    emit dataDirChanged();
}

QString AppSettings::lastModel() const { return settings_->value(kLastModel).toString(); }

void AppSettings::setLastModel(const QString& path) {
    if (path.isEmpty()) store(kLastModel, {});
    else store(kLastModel, QFileInfo(path).absoluteFilePath());
}

void AppSettings::forgetDeletedModel(const QString& path) {
    if (!path.isEmpty() && QFileInfo(path).absoluteFilePath() == lastModel()) store(kLastModel, {});
}

void AppSettings::followRenamedModel(const QString& oldPath, const QString& newPath) {
    if (!oldPath.isEmpty() && !newPath.isEmpty() && QFileInfo(oldPath).absoluteFilePath() == lastModel())
        setLastModel(newPath);
}

// A database's drafts are kept under the first 16 hex digits of its path's SHA-1 (as the settings keys were).
static QString draftDatabase(const QString& dataDir) {
    const QByteArray path = databasePath(dataDir).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex().left(16));
}

QString AppSettings::draft(qint64 conversationId) const {
    return drafts_->text(draftDatabase(activeDataDir_), conversationId);
}

bool AppSettings::setDraft(qint64 conversationId, const QString& text, int held) {
    return drafts_->set(draftDatabase(activeDataDir_), conversationId, text, held);
}

int AppSettings::draftHeld(qint64 conversationId) const {
    return int(drafts_->held(draftDatabase(activeDataDir_), conversationId));
}

int AppSettings::dropDraftsOfOtherChats(const QSet<qint64>& conversations) {
    return drafts_->keepOnly(draftDatabase(activeDataDir_), conversations);
}

qint64 AppSettings::draftSavedAt(qint64 conversationId) const {
    return drafts_->savedAt(draftDatabase(activeDataDir_), conversationId);
}

QString AppSettings::draftsFileName() const { return drafts_->path(); }

static QString collapsedFoldersKey(const QString& dataDir) {
    return QStringLiteral("sidebar/collapsedFolders-") + draftDatabase(dataDir);
}

QSet<qint64> AppSettings::collapsedFolders() const {
    QSet<qint64> ids;
    for (const QString& id : settings_->value(collapsedFoldersKey(activeDataDir_)).toStringList())
        if (bool ok = false; id.toLongLong(&ok) > 0 && ok) ids.insert(id.toLongLong());  // a bad value: expanded
    return ids;
}

void AppSettings::setFolderCollapsed(qint64 folderId, bool collapsed) {
    QSet<qint64> ids = collapsedFolders();
    if (ids.contains(folderId) == collapsed) return;
    if (collapsed)
        ids.insert(folderId);
    else
        ids.remove(folderId);
    QList<qint64> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    QStringList out;
    for (const qint64 id : sorted) out << QString::number(id);
    if (out.isEmpty())
        store(collapsedFoldersKey(activeDataDir_), {});
    else
        store(collapsedFoldersKey(activeDataDir_), out);
}

bool AppSettings::draftKept(qint64 conversationId) const {
    return drafts_->kept(draftDatabase(activeDataDir_), conversationId);
}

QVariantMap AppSettings::draftProblem() const {
    static const char* const kinds[] = {"", "diskFull", "noPermission", "other"};  // WriteFailure's order
    const QString reason = drafts_->failure() != WriteFailure::NoPermission ? drafts_->failureReason()
                           : drafts_->failureErrno() == EROFS               ? tr("read-only file system")
                                                                            : tr("permission denied");
    return {{QStringLiteral("kind"), QString::fromLatin1(kinds[int(drafts_->failure())])},
            {QStringLiteral("file"), drafts_->path()},
            {QStringLiteral("reason"), reason}};
}

QVariantList AppSettings::unkeptDrafts() const {
    QVariantList ids;
    for (const qint64 id : drafts_->unkept(draftDatabase(activeDataDir_))) ids << id;
    return ids;
}

QString AppSettings::startModel(const QString& commandLine, const QString& demoModel) const {
    if (!commandLine.isEmpty()) return commandLine;
    const QString last = lastModel();
    return last.isEmpty() ? demoModel : last;
}

QString AppSettings::defaultFileFolder() {
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return !documents.isEmpty() && QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

QString AppSettings::fileFolder() const {
    const QString last = settings_->value(kFileFolder).toString();
    return !last.isEmpty() && QFileInfo(last).isDir() ? last : defaultFileFolder();
}

bool AppSettings::rememberFileFolder(const QString& path) {
    if (path.isEmpty()) return false;
    const QString folder = QFileInfo(path).absolutePath();
    if (!QFileInfo(folder).isDir() || folder == settings_->value(kFileFolder).toString()) return false;
    store(kFileFolder, folder);
    return true;
}

QUrl AppSettings::startStateFolder() const {
    const QString last = settings_->value(kStartStateFolder).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir()) return QUrl::fromLocalFile(last);
    const QString states = QDir(activeDataDir_).filePath(QStringLiteral("states"));
    if (!activeDataDir_.isEmpty() && QFileInfo(states).isDir()) return QUrl::fromLocalFile(states);
    return QUrl::fromLocalFile(QDir::homePath());
}

void AppSettings::rememberStartStateFile(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.isEmpty()) return;
    const QString folder = QFileInfo(path).absolutePath();
    if (QFileInfo(folder).isDir() && folder != settings_->value(kStartStateFolder).toString())
        store(kStartStateFolder, folder);
}

QString AppSettings::language() const { return languageOverride_.isEmpty() ? savedLanguage() : languageOverride_; }

QString AppSettings::savedLanguage() const {
    static const QRegularExpression re(QStringLiteral("^[a-z]{2,3}(_[A-Z][A-Za-z]{1,3})?$"));
    const QString l = settings_->value(kLanguage).toString();
    return re.match(l).hasMatch() && (languages_.isEmpty() || languages_.contains(l)) ? l : QString();
}

void AppSettings::setLanguage(const QString& language) {
    static const QRegularExpression re(QStringLiteral("^([a-z]{2,3}(_[A-Z][A-Za-z]{1,3})?)?$"));
    if (!re.match(language).hasMatch()) return;
    if (!language.isEmpty() && !languages_.isEmpty() && !languages_.contains(language)) return;  // no translation
    // Under a start's --lang, any choice is applied and saved, also the saved one: the box showed the saved language
    // over the override's window, and choosing it did nothing (session 25's trial, N2).
    if (languageOverride_.isEmpty() && language == savedLanguage()) return;
    languageOverride_.clear();
    if (language.isEmpty()) store(kLanguage, {});
    else store(kLanguage, language);
    emit languageChanged();
}

QString AppSettings::theme() const {
    const QString t = settings_->value(kTheme).toString();
    return kThemes.contains(t) ? t : kThemes.constFirst();
}

void AppSettings::setTheme(const QString& theme) {
    if (!kThemes.contains(theme) || theme == this->theme()) return;
    store(kTheme, theme);
    emit themeChanged();
}

int AppSettings::textSize() const {
    bool ok = false;
    const int size = settings_->value(kTextSize).toInt(&ok);
    return ok && kTextSizes.contains(size) ? size : kDefaultTextSize;
}

void AppSettings::setTextSize(int percent) {
    if (!kTextSizes.contains(percent) || percent == textSize()) return;
    store(kTextSize, percent);
    emit textSizeChanged();
}

QList<int> AppSettings::textSizeSteps() { return kTextSizes; }

bool AppSettings::stepTextSize(int steps) {
    const qsizetype at = kTextSizes.indexOf(textSize());
    const qsizetype to = std::clamp<qsizetype>(at + steps, 0, kTextSizes.size() - 1);
    if (to == at) return false;
    setTextSize(kTextSizes.at(to));
    return true;
}

bool AppSettings::apiServer() const {
    // Only what setApiServer writes ("true"; "1" too) turns the server on. QVariant's toBool reads any other word as
    // true, so a hand-edited "maybe" or "no" opened a port (session 47's trial): a listening port is not a default to
    // reach by a typo.
    const QVariant v = settings_->value(kApiServer, false);
    if (v.typeId() == QMetaType::Bool) return v.toBool();
    const QString text = v.toString().trimmed();
    return text.compare(u"true", Qt::CaseInsensitive) == 0 || text == u"1";
}

void AppSettings::setApiServer(bool on) {
    if (on == apiServer()) return;
    store(kApiServer, on);
    emit apiServerChanged();
}

int AppSettings::apiPort() const {
    bool ok = false;
    const int port = settings_->value(kApiPort).toInt(&ok);
    return ok && port >= kLowestApiPort && port <= 65535 ? port : kDefaultApiPort;
}

void AppSettings::setApiPort(int port) {
    if (port < kLowestApiPort || port > 65535 || port == apiPort()) return;
    store(kApiPort, port);
    emit apiPortChanged();
}

bool AppSettings::apply(const QString& keyValue, QString* whyNot) {
    // Each refusal names what is accepted: the hook is typed by hand, and "was not applied" alone left guessing.
    const auto refuse = [whyNot](const QString& why) {
        if (whyNot) *whyNot = why;
        return false;
    };
    const QString keys =
        QStringLiteral("backend, weightType, threads, samplingPreset, dataDir, language, theme, textSize, apiServer, "
                       "apiPort, customTemperature, customTopP, customPresencePenalty, customFrequencyPenalty, "
                       "customPenaltyDecay, customMaxTokens");
    const qsizetype eq = keyValue.indexOf(u'=');
    if (eq <= 0) return refuse(QStringLiteral("expected KEY=VALUE, KEY one of ") + keys);
    const QString key = keyValue.left(eq).trimmed();
    const QString value = keyValue.mid(eq + 1).trimmed();
    if (key == QLatin1String("backend")) {
        if (!isBackendString(value)) return refuse(QStringLiteral("backend must be auto, cpu, cuda:N or vulkan:N"));
        // A device this computer does not have (vulkan:7) was saved, and every start fell back without a word (session
        // 22's trial, F9): refused, naming the devices there are.
        if (value != QLatin1String("auto") && value != QLatin1String("cpu")) {
            if (!devices_) devices_ = usableDevices();
            if (!devices_->contains(value)) {
                QStringList here{QStringLiteral("auto"), QStringLiteral("cpu")};
                for (auto it = devices_->cbegin(); it != devices_->cend(); ++it)
                    here << QStringLiteral("%1 (%2)").arg(it.key(), it.value());
                return refuse(QStringLiteral("%1 is not a GPU device of this computer%2; backend must be one of %3")
                                  .arg(value, devices_->isEmpty() ? QStringLiteral(" (it has none that can be used)") : QString(),
                                       here.join(QStringLiteral(", "))));
            }
        }
        setBackend(value);
        return backend() == value || refuse(QStringLiteral("backend must be auto, cpu, cuda:N or vulkan:N"));
    }
    if (key == QLatin1String("weightType")) {
        setWeightType(value);
        return weightType() == value ||
               refuse(QStringLiteral("weightType must be one of ") + kWeightTypes.join(QStringLiteral(", ")));
    }
    if (key == QLatin1String("threads")) {
        bool ok = false;
        const int t = value.toInt(&ok);
        if (ok) setThreads(t);
        return (ok && threads() == t) ||
               refuse(QStringLiteral("threads must be a whole number from 0 (all cores) to %1").arg(maxThreads()));
    }
    if (key == QLatin1String("samplingPreset")) {
        setSamplingPreset(value);
        return samplingPreset() == value ||
               refuse(QStringLiteral("samplingPreset must be one of ") + samplingPresetIds().join(QStringLiteral(", ")));
    }
    if (key == QLatin1String("dataDir")) {
        setDataDir(value);
        return true;
    }
    if (key == QLatin1String("language")) {
        setLanguage(value);
        return language() == value ||
               refuse(languages_.isEmpty()
                          ? QStringLiteral("language must be a code such as en or zh_CN, or empty for the system language")
                          : QStringLiteral("language must be one of %1, or empty for the system language")
                                .arg(languages_.join(QStringLiteral(", "))));
    }
    if (key == QLatin1String("theme")) {
        setTheme(value);
        return theme() == value || refuse(QStringLiteral("theme must be one of ") + kThemes.join(QStringLiteral(", ")));
    }
    if (key == QLatin1String("textSize")) {
        QStringList steps;
        for (const int step : kTextSizes) steps << QString::number(step);
        bool ok = false;
        const int size = value.toInt(&ok);
        if (ok) setTextSize(size);
        return (ok && textSize() == size) ||
               refuse(QStringLiteral("textSize must be one of %1 (percent)").arg(steps.join(QStringLiteral(", "))));
    }
    if (key == QLatin1String("apiServer")) {
        // on / off as the page says it, and the settings file's own words (true / false, 1 / 0: api/enabled holds
        // "true"; session 48's trial was refused --set apiServer=true).
        static const QStringList kOn{QStringLiteral("on"), QStringLiteral("true"), QStringLiteral("1")};
        static const QStringList kOff{QStringLiteral("off"), QStringLiteral("false"), QStringLiteral("0")};
        if (!kOn.contains(value) && !kOff.contains(value))
            return refuse(QStringLiteral("apiServer must be on or off (or true / false)"));
        setApiServer(kOn.contains(value));
        return true;
    }
    if (key == QLatin1String("apiPort")) {
        bool ok = false;
        const int port = value.toInt(&ok);
        if (ok) setApiPort(port);
        return (ok && apiPort() == port) ||
               refuse(QStringLiteral("apiPort must be a whole number from %1 to 65535").arg(kLowestApiPort));
    }
    if (const std::optional<bool> applied = applyCustomSampling(key, value, whyNot)) return *applied;
    return refuse(QStringLiteral("unknown key '%1' (%2)").arg(key, keys));
}

QMap<QString, QString> AppSettings::usableDevices() {
    QMap<QString, QString> devices;
    for (const DeviceInfo& d : list_all_devices())
        if (d.usable && d.backend.find(':') != std::string::npos)
            devices.insert(QString::fromStdString(d.backend), QString::fromStdString(d.name));
    return devices;
}

bool AppSettings::check(const QString& keyValue, const QStringList& languages, QString* whyNot) {
    QTemporaryDir scratch;
    if (!scratch.isValid()) return true;  // cannot tell here; apply() still refuses it at run time
    AppSettings settings(scratch.filePath(QStringLiteral("check.ini")));
    settings.setLanguages(languages);
    return settings.apply(keyValue, whyNot);
}

}  // namespace rwkv::app
