// bundle_import_controller.cpp — see bundle_import_controller.h.
#include "bundle_import_controller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <utility>

#include "app_settings.h"
#include "chat_controller.h"
#include "conversation_title.h"
#include "engine_error_text.h"
#include "foreign_file_text.h"
#include "library_controller.h"  // folderNameText: the folder dialog's words for a name refused
#include "store_error_text.h"
#include "models/disk_space.h"
#include "models/model_manager_controller.h"
#include "models/one_line.h"
#include "models/wording.h"  // joinSentences
#include "store/conversation_store.h"
#include "store/store_error.h"
#include "whole_file_write.h"

#include "rwkv/file_kind.h"  // kForeignFileHeadBytes

namespace rwkv::app {

namespace {
/// The file name of `path` as the banner's sentences quote it (models::isolatedOneLine: a Hebrew or Arabic name keeps
/// its direction to itself; a line break or a U+202E in it is written as an escape, as a model's name on the Models
/// page: until session 44 one broke the banner's line, the other turned the rest of its sentence around).
QString shownFileName(const QString& path) { return models::isolatedOneLine(QFileInfo(path).fileName()); }
/// A conversation's title as the export's banner quotes it: one line, its first kExportTitleChars characters and "…"
/// (models::oneLine), isolated. The path after it holds the title again (Export…'s suggested name): a 200-character
/// title stood twice, over four lines (session 32's trial, nit).
constexpr qsizetype kExportTitleChars = 60;
QString exportedTitle(const QString& title) {
    return models::isolated(models::oneLine(shownTitle(title), kExportTitleChars));
}
}  // namespace

ModelLookup lookUpModel(const BundleModel& model, const models::ModelCatalog& catalog, const QStringList& modelFolders,
                        const QString& loadedFingerprint, const QString& loadedName, const QString& demoModelPath) {
    ModelLookup r;
    if (model.fingerprint.isEmpty() && model.fileName.isEmpty() && model.catalogId.isEmpty()) return r;
    const models::CatalogEntry* entry = model.catalogId.isEmpty() ? nullptr : catalog.find(model.catalogId);
    if (!entry && !model.fileName.isEmpty())
        for (const models::CatalogEntry& e : catalog.entries())
            if (e.fileName == model.fileName) entry = &e;
    if (entry) r.entry = *entry;
    const QString fileName = !model.fileName.isEmpty() ? model.fileName : entry ? entry->fileName : QString();

    const bool sameFingerprint = !model.fingerprint.isEmpty() && model.fingerprint == loadedFingerprint;
    const bool sameName = !fileName.isEmpty() && !loadedName.isEmpty() && QFileInfo(fileName).completeBaseName() == loadedName;
    if (sameFingerprint || sameName) {
        r.status = ModelLookup::Status::Loaded;
        return r;
    }
    for (const QString& folder : modelFolders) {
        const QDir dir(folder);
        for (const QString& name : {fileName, entry ? entry->fileName : QString()}) {
            if (!name.isEmpty() && !folder.isEmpty() && QFileInfo(dir.filePath(name)).isFile()) {
                r.status = ModelLookup::Status::Local;
                r.localPath = dir.filePath(name);
                return r;
            }
        }
    }
    if (!demoModelPath.isEmpty() && !fileName.isEmpty() && fileName == QFileInfo(demoModelPath).fileName() &&
        QFileInfo(demoModelPath).isFile()) {
        r.status = ModelLookup::Status::Bundled;
        r.localPath = demoModelPath;
        return r;
    }
    r.status = entry ? ModelLookup::Status::Downloadable : ModelLookup::Status::Unknown;
    return r;
}

BundleImportController::BundleImportController(store::ConversationStore& store, ChatController& chat,
                                               models::ModelManagerController& modelManager,
                                               const models::ModelCatalog& catalog, AppSettings* settings,
                                               QObject* parent)
    : QObject(parent), store_(store), chat_(chat), modelManager_(modelManager), catalog_(catalog), settings_(settings) {
    connect(&chat_, &ChatController::modelLoadFinished, this, &BundleImportController::onModelLoadFinished);
    // The banner belongs to the conversation it appeared in: another one opened hides it, going back shows it again
    // (new-user trial, session 19: "Imported … (N messages)" stayed on every conversation opened after it).
    connect(&chat_, &ChatController::currentConversationChanged, this, [this] {
        if (!lines_.isEmpty()) emit messageChanged();
        if (!offer_.id.isEmpty()) emit offerChanged();
    });
}

bool BundleImportController::shownHere() const { return chat_.currentConversationId() == shownIn_; }

void BundleImportController::onModelLoadFinished(bool ok) {
    if (!ok || !noteShown_) return;
    const ModelLookup where = lookUpModel(noteModel_, catalog_, modelManager_.modelFolders(), chat_.modelFingerprint(),
                                          chat_.modelName(), demoModelPath_);
    if (where.status != ModelLookup::Status::Loaded) return;
    noteShown_ = false;
    setOffer({});
    setMessageFor(shownIn_, noteBaseText_, copyOfferPath_);  // the import's sentence without the note
}

QString BundleImportController::offerSizeText() const {
    return offer_.sizeBytes > 0 ? models::humanBytes(offer_.sizeBytes) : tr("size unknown");
}

QUrl BundleImportController::fileFolder() const {
    return QUrl::fromLocalFile(settings_ ? settings_->fileFolder() : AppSettings::defaultFileFolder());
}

// The folder of a file chosen in the Import… or Export… dialog (imported or not, written or not, as long as the folder
// is there): both dialogs open there next time (new-user trial, session 19: Import opened in the folder the app was
// started from, Export in home, whatever folder was used last).
void BundleImportController::rememberFolderOf(const QString& path) {
    if (settings_ && settings_->rememberFileFolder(path)) emit fileFolderChanged();
}

qint64 BundleImportController::importFile(const QString& fileUrlOrPath) {
    const QUrl url(fileUrlOrPath);
    return importPath(url.isLocalFile() ? url.toLocalFile() : fileUrlOrPath, OnDuplicate::OpenExisting);
}

void BundleImportController::announceImport(const QString& fileUrlOrPath) {
    if (running_) return;  // the banner says what runs and what waits
    const QUrl url(fileUrlOrPath);
    setOffer({});
    setMessage([name = shownFileName(url.isLocalFile() ? url.toLocalFile() : fileUrlOrPath)] {
        return tr("Importing “%1”…").arg(name);
    }, false);
    // importing() from the announcement on: the --import start's first frame, drawn before its import runs, said "No
    // conversations yet" in an empty sidebar beside the banner's "Importing “NAME”…" (session 32's 80df525).
    if (!std::exchange(announced_, true)) emit importingChanged();
}

void BundleImportController::importFileSoon(const QString& fileUrlOrPath) {
    const QUrl url(fileUrlOrPath);
    enqueue({url.isLocalFile() ? url.toLocalFile() : fileUrlOrPath, OnDuplicate::OpenExisting, {}}, kImportDelayMs);
}

void BundleImportController::importCopy() {
    if (!copyOfferPath_.isEmpty()) enqueue({copyOfferPath_, OnDuplicate::ImportCopy, {}}, 0);
}

BundleImportController::~BundleImportController() {
    for (QThread* t : findChildren<QThread*>()) t->wait();  // a background import writes through store_, kept alive
}

qint64 BundleImportController::importPath(const QString& path, OnDuplicate onDuplicate) {
    setOffer({});
    noteShown_ = false;
    rememberFolderOf(path);
    return showOutcome(path, readAndImport(store_, path, onDuplicate));
}

void BundleImportController::importInBackground(const QString& fileUrlOrPath, std::function<void()> then) {
    const QUrl url(fileUrlOrPath);
    enqueue({url.isLocalFile() ? url.toLocalFile() : fileUrlOrPath, OnDuplicate::OpenExisting, std::move(then)}, 0);
}

void BundleImportController::enqueue(Pending pending, int delayMs) {
    rememberFolderOf(pending.path);
    waiting_.append(std::move(pending));
    if (running_) return showProgress();
    earlier_.clear();  // a new run of imports: the banner starts afresh
    setOffer({});
    noteShown_ = false;
    startNext(delayMs);
}

void BundleImportController::startNext(int delayMs) {
    current_ = waiting_.takeFirst();
    const bool wasImporting = importing();
    running_ = true;
    announced_ = false;  // the import announced runs (or another: the announcement is its banner until then)
    if (!wasImporting) emit importingChanged();
    showProgress();
    const auto launch = [this] {
        auto outcome = std::make_shared<Outcome>();
        QThread* thread = QThread::create([this, outcome, path = current_.path, onDuplicate = current_.onDuplicate] {
            *outcome = readAndImport(store_, path, onDuplicate);
        });
        thread->setParent(this);  // waited for by the destructor
        connect(thread, &QThread::finished, this, [this, thread, outcome] {
            thread->deleteLater();
            const Pending done = std::exchange(current_, {});
            const bool more = !waiting_.isEmpty();
            showOutcome(done.path, *outcome, more);
            if (done.then) done.then();
            emit importFinished();
            if (more) return startNext(0);
            running_ = false;
            earlier_.clear();  // shown: the banner's maker keeps them (a language switch)
            emit importingChanged();
        });
        thread->start();
    };
    if (delayMs > 0) QTimer::singleShot(delayMs, this, launch);
    else launch();
}

void BundleImportController::showProgress() {
    QStringList next;
    for (const Pending& p : std::as_const(waiting_)) next << QStringLiteral("“%1”").arg(shownFileName(p.path));
    setMessageFor(chat_.currentConversationId(),
                  belowEarlier([name = shownFileName(current_.path), next] {
                      const QString importing = tr("Importing “%1”…").arg(name);
                      return next.isEmpty() ? importing
                                            : models::joinSentences(
                                                  importing, tr("Next: %1.").arg(next.join(QStringLiteral(", "))));
                  }, false),
                  {});
}

BundleImportController::LinesMaker BundleImportController::belowEarlier(std::function<QString()> make,
                                                                        bool error) const {
    // An earlier file's line says "opened it" while its conversation is the one open now (a later file refused), not
    // once a later file's is (session 32's queue said it of every earlier file the library held). A refused file's
    // line is an error's, the others' not.
    QList<std::pair<std::function<QString()>, bool>> earlier;
    for (const EarlierLine& line : earlier_)
        earlier.append({[make = line.make, opened = line.conversationId != 0 &&
                                                    line.conversationId == chat_.currentConversationId()] {
                            return make(opened);
                        },
                        line.conversationId == 0});
    return [earlier, make = std::move(make), error] {
        QList<Line> lines;
        for (const auto& [line, refused] : earlier) lines.append(Line{line(), refused});
        lines.append(Line{make(), error});
        return lines;
    };
}

BundleImportController::Outcome BundleImportController::readAndImport(store::ConversationStore& store,
                                                                      const QString& path, OnDuplicate onDuplicate) {
    Outcome o;
    try {  // before the open: a named pipe would block the window until something wrote to it
        refuseWhatIsNotAFile(path);
    } catch (const ImportError& e) {  // its reason is translated when it is made: kept as it was said
        // It quotes the path isolated and on one line already (oneLine would write its isolates as escapes)
        o.refusal = [name = shownFileName(path), why = e.reason()] {
            return tr("“%1” was not imported: %2").arg(name, why);
        };
        return o;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        o.refusal = [name = shownFileName(path), why = f.errorString()] {
            return tr("Cannot read “%1”: %2").arg(name, why);
        };
        return o;
    }
    // The two mistakes a person makes most, in their language: a model file, or some other file.
    const QByteArray head = f.peek(qint64(rwkv::kForeignFileHeadBytes));  // what it is: foreignFileKind
    if (const char* model = modelFileKind(head)) {
        o.refusal = [name = shownFileName(path), kind = QString::fromLatin1(model)] {
            return tr("“%1” is a model file (%2), not a conversation: nothing was imported. Open models with the model "
                      "button (top right) or on the Models page.")
                .arg(name, kind);
        };
        return o;
    }
    if (isNeitherBundleNorJson(head)) {
        // What it is where its bytes tell (a PNG, a Git LFS pointer, a web page: session 44's trial), in the window's
        // language when the sentence is made (session 45: the engine's English words in a Chinese window before).
        o.refusal = [name = shownFileName(path), what = foreignFileKind(head)] {
            const QString kind = foreignFileKindText(what);
            return kind.isEmpty()
                       ? tr("“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: nothing was imported.")
                             .arg(name)
                       : tr("“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: it is %2. Nothing was "
                            "imported.")
                             .arg(name, kind);
        };
        return o;
    }
    try {
        const ParsedConversation parsed = parseConversationFile(readConversationFile(f));  // checked whole before anything is written
        const store::ConversationStore::LockWaitLimit quick(ChatController::kChangeLockWaitMs);
        o.result = importConversation(store, parsed, onDuplicate, tr("%1 (copy)").arg(parsed.info.title));
    } catch (const ImportError& e) {  // the reason in the window's language (it was English in a Chinese window)
        o.refusal = [name = shownFileName(path), why = models::oneLine(e.reason())] {  // it may quote the path
            return tr("“%1” was not imported: %2").arg(name, why);
        };
    } catch (const std::exception&) {
        o.refusal = [name = shownFileName(path), error = std::current_exception()] {
            return tr("“%1” was not imported: %2").arg(name, storeErrorText(error));
        };
    }
    return o;
}

qint64 BundleImportController::showOutcome(const QString& path, const Outcome& outcome, bool more) {
    if (outcome.refusal) {
        setMessageFor(chat_.currentConversationId(), belowEarlier(outcome.refusal, true), {});
        if (more) earlier_.append({[refusal = outcome.refusal](bool) { return refusal(); }, 0});
        return 0;
    }
    const ImportResult& r = outcome.result;
    chat_.refreshConversations();
    chat_.selectConversation(r.conversationId);
    const bool opened = chat_.currentConversationId() == r.conversationId;

    const ModelLookup where = lookUpModel(r.model, catalog_, modelManager_.modelFolders(), chat_.modelFingerprint(),
                                          chat_.modelName(), demoModelPath_);
    // A file imported before opens the conversation it made then, and so does a file exported from this library (the
    // same conversation: findImported cannot tell them apart); the banner offers a copy (importCopy). It said
    // "(imported before)" to a user importing their own export (session 20's trial, F5). "opened it" only while that
    // conversation is the one open: a later import of the run opens its own (`opened`: belowEarlier).
    // A bundle may set any title: the banner shows it on one line, its direction kept inside it (isolated).
    const QString title = models::isolated(shownTitle(r.title));
    const auto text = [title, r](bool opened) {
        QString said = r.alreadyPresent
                           ? opened ? tr("“%1” is already in your library (this file was exported from it or "
                                         "imported before): opened it.").arg(title)
                                    : tr("“%1” is already in your library (this file was exported from it or "
                                         "imported before).").arg(title)
                       : r.messages == 1 ? tr("Imported “%1” (1 message).").arg(title)
                                         : tr("Imported “%1” (%2 messages).").arg(title, QString::number(r.messages));
        if (r.titleCut && !r.alreadyPresent)  // session 22's trial, F8: a 900,000-character title slowed every start
            said = models::joinSentences(said, tr("Its title was cut to its first %1 characters.").arg(kMaxTitleLength));
        // The folder the file names (session 49: exports name it), found here by name or made; a closed folder in the
        // sidebar would otherwise hide where the chat went
        if (!r.folder.isEmpty() && !r.alreadyPresent)
            said = models::joinSentences(said, (r.folderMade ? tr("It is in a new folder, “%1”.")
                                                             : tr("It is in the folder “%1”."))
                                                   .arg(models::isolated(shownTitle(r.folder))));
        if (!r.folderRefused.isEmpty()) {  // a name this library cannot have (a hand-made file): unfiled, and why
            // On the banner's one line whatever its length; one of nothing to read ("\u200b" alone) as escapes, as
            // rwkv-cli says it: shown, it stood as “” (session 51's "3 replies" loose ends).
            const QString name = refusedFolderShown(r.folderRefused, shownTitle(r.folderRefused), 40);
            said = models::joinSentences(said, tr("Its folder “%1” could not be made here, so it is in no folder: %2")
                                                   .arg(models::isolated(name), folderNameText(r.folderProblem)));
        }
        if (!r.stateDamage.isEmpty() && !r.alreadyPresent)  // session 35's trial: the whole chat was refused
            said = models::joinSentences(
                said, r.stateUnknownCodec  // session 36's check: a codec number it does not know was called damage
                          ? tr("Its saved state is in a form this version cannot read (perhaps made by a newer RWKV "
                               "Desktop) and was left out: the chat reads its text again the first time you continue it.")
                          : tr("Its saved state was damaged and was left out: the chat reads its text again the first "
                               "time you continue it."));
        if (!r.stateDamage.isEmpty() && r.alreadyPresent)  // said too (session 39's trial: only "already in …")
            said = models::joinSentences(
                said, r.stateUnknownCodec
                          ? tr("This file's saved state is in a form this version cannot read (perhaps made by a newer "
                               "RWKV Desktop); the chat in your library is unchanged.")
                          : tr("This file's saved state is damaged; the chat in your library is unchanged."));
        if (!r.startStateDamage.isEmpty() && !r.alreadyPresent)  // as a damaged state: the chat comes in without it
            said = models::joinSentences(
                said, tr("Its starting state %1 was damaged and was left out: choose that state-tuning file again "
                         "(⋯ → Starting state…) when the chat asks for it.")
                          .arg(models::isolated(QFileInfo(r.startState).fileName())));
        if (r.stateAdded)  // session 36's check: its earlier import had left a damaged state out
            said = models::joinSentences(said, tr("It had no saved state: this file's was added."));
        if (r.startStateAdded)  // its starting state could not be read (left out damaged, or removed since)
            said = models::joinSentences(said, tr("Its starting state %1 could not be read: this file's was added.")
                                                   .arg(models::isolated(QFileInfo(r.startState).fileName())));
        return said;
    };
    noteModel_ = r.model;
    noteBaseText_ = belowEarlier([text, opened] { return text(opened); }, false);
    noteShown_ = !more && (where.status == ModelLookup::Status::Downloadable ||
                           where.status == ModelLookup::Status::Local || where.status == ModelLookup::Status::Bundled ||
                           where.status == ModelLookup::Status::Unknown);
    std::function<QString(bool)> said = text;
    switch (where.status) {
    case ModelLookup::Status::Downloadable:
        if (!more && earlier_.isEmpty()) {
            setOffer(where.entry);
            break;
        }
        // One of several outcomes: the offer would hide the others' lines (its sentence takes the banner's place),
        // so this line says where the model is instead.
        said = [text, name = where.entry.name](bool opened) {
            return models::joinSentences(
                text(opened), tr("It was made with %1, which is not on this computer: Models downloads it.").arg(name));
        };
        break;
    case ModelLookup::Status::Local:
        said = [text, file = shownFileName(where.localPath)](bool opened) {
            return models::joinSentences(
                text(opened),
                tr("It was made with %1, which is in your models folder: load it to continue where it left off.")
                    .arg(file));
        };
        break;
    case ModelLookup::Status::Bundled:
        // Models lists it (its Use): the model button's dialog opened in the models folder, and the user had to type
        // the resources path this sentence gave (session 35's trial, MED).
        said = [text, file = shownFileName(where.localPath)](bool opened) {
            return models::joinSentences(
                text(opened), tr("It was made with %1, the demo model that comes with the app: choose Use on its row "
                                 "in Models → On this computer to continue where it left off.")
                                  .arg(file));
        };
        break;
    case ModelLookup::Status::Unknown:
        said = [text, model = models::isolated(r.model.fileName.isEmpty() ? r.model.fingerprint : r.model.fileName)](
                   bool opened) {
            return models::joinSentences(
                text(opened), tr("It was made with %1, which is not here and not in the model catalog.").arg(model));
        };
        break;
    case ModelLookup::Status::Loaded:
    case ModelLookup::Status::NoModel: break;
    }
    setMessageFor(chat_.currentConversationId(), belowEarlier([said, opened] { return said(opened); }, false),
                  r.alreadyPresent && !more ? path : QString());
    if (more) earlier_.append({said, r.conversationId});
    if (!r.alreadyPresent) emit conversationImported(r.conversationId);
    return r.conversationId;
}

void BundleImportController::downloadModel() {
    if (offer_.id.isEmpty()) return;
    const QString id = offer_.id;
    setOffer({});
    modelManager_.download(id);  // progress in the model manager; modelReady loads the verified file
    setMessage([id] { return tr("Downloading %1 — see Models for progress; it loads when it is verified.").arg(id); },
               false);
}

namespace {
/// The local path an export to `fileUrlOrPath` (a file URL or a local path) writes: ".rwkvchat" added to a name
/// without an ending; "" for an empty one.
QString exportPathOf(const QString& fileUrlOrPath) {
    const QUrl url(fileUrlOrPath);
    QString path = url.isLocalFile() ? url.toLocalFile() : fileUrlOrPath;
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".rwkvchat");
    return path;
}
}  // namespace

QString BundleImportController::existingExportName(const QString& fileUrlOrPath) const {
    const QString path = exportPathOf(fileUrlOrPath);
    if (path.isEmpty() || !QFileInfo(path).isFile() || store::isSqliteFile(path) == store::SqliteFile::Sqlite) return {};
    return QFileInfo(path).fileName();
}

QString BundleImportController::suggestedExportName(const QString& title) const { return exportFileName(title); }

bool BundleImportController::exportConversation(qint64 conversationId, const QString& fileUrlOrPath) {
    const QString path = exportPathOf(fileUrlOrPath);
    const std::optional<store::Conversation> c = store_.conversation(conversationId);
    if (!c || path.isEmpty()) {
        setMessage([] { return tr("Nothing was exported: that conversation is no longer in your library."); }, true);
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString name = QFileInfo(path).fileName();
    rememberFolderOf(path);
    if (store::isSqliteFile(path) == store::SqliteFile::Sqlite) {  // the library itself, or another database
        setMessage([name = shownFileName(path)] {
            return tr("Nothing was exported: “%1” is a conversation database, which an export never replaces. Choose "
                      "another name.").arg(name);
        }, true);
        return false;
    }
    QByteArray bytes;
    try {
        const models::CatalogEntry* entry = nullptr;
        for (const models::CatalogEntry& e : catalog_.entries())
            if (!c->model_name.isEmpty() && e.fileName == c->model_name) entry = &e;
        const QString catalogId = entry ? entry->id : QString();
        bytes = suffix == QLatin1String("md")     ? exportMarkdown(store_, conversationId)
                : suffix == QLatin1String("json") ? exportJson(store_, conversationId, catalogId)
                                                  : exportBundle(store_, conversationId, catalogId);
    } catch (const std::exception&) {
        setMessage([title = exportedTitle(c->title), error = std::current_exception()] {
            return tr("“%1” was not exported: %2").arg(title, storeErrorText(error));
        }, true);
        return false;
    }
    // A folder that is not there (a path typed into the dialog's name field, a folder removed meanwhile) is named, so
    // the message says where the export was to go, not only the file's name (new-user trial, session 19).
    const QString folder = QFileInfo(path).absolutePath();
    if (!QFileInfo(folder).isDir()) {
        setMessage([name = shownFileName(path), folder = models::isolatedPath(folder)] {
            return tr("Could not write “%1”: there is no folder “%2”. Nothing was written.").arg(name, folder);
        }, true);
        return false;
    }
    // A name longer than a file name may be (a typed one: the suggested name fits) is said as such: Qt 6.4's QSaveFile
    // opens its temporary file without a name and fails only at commit(), which read as a full disk (session 30's
    // trial, A5: "the disk is full … (1.52 KB needed, 72.4 GB free)" for a 579-byte name).
    if (const qsizetype nameBytes = name.toUtf8().size(); nameBytes > kMaxFileNameBytes) {
        setMessage([name = shownFileName(path), nameBytes] {
            return tr("Could not write “%1”: the name is too long (%2 bytes of UTF-8, where a file name may have at most "
                      "%3). Choose a shorter name. Nothing was written.")
                .arg(name, QString::number(nameBytes), QString::number(kMaxFileNameBytes));
        }, true);
        return false;
    }
    // All or nothing: an old file of that name stays whole until the new one is complete. A full disk gives no reason
    // of its own (Qt's "Unknown error"), so the reason is the disk's free space; a complete file that could not take
    // its name has Qt's reason.
    const WholeFileWrite out = writeWholeFile(path, bytes);
    if (!out.written) {
        const qint64 needed = bytes.size(), free = models::freeBytes(QFileInfo(path).absolutePath());
        setMessage([name = shownFileName(path), reason = out.opened ? out.commitError : out.openError, needed, free] {
            const QString why = !reason.isEmpty() ? reason
                                                  : tr("the disk is full or the file cannot grow (%1 needed, %2 free)")
                                                        .arg(models::humanBytes(needed), models::humanBytes(free));
            return tr("Could not write “%1”: %2. Nothing was written.").arg(name, withoutFinalStop(why));
        }, true);
        return false;
    }
    setMessage([suffix, title = exportedTitle(c->title), path = models::isolatedPath(path)] {
        return suffix == QLatin1String("md")     ? tr("Saved “%1” as Markdown: %2").arg(title, path)
               : suffix == QLatin1String("json") ? tr("Saved “%1” as a JSON export: %2").arg(title, path)
                                                 : tr("Saved “%1” as a conversation bundle, to continue it elsewhere "
                                                      "with Import…: %2").arg(title, path);
    }, false);
    return true;
}

QString BundleImportController::message() const {
    if (!shownHere()) return {};
    QStringList texts;
    for (const Line& line : lines_) texts << line.text;
    return texts.join(u'\n');
}

bool BundleImportController::messageIsError() const {
    return shownHere() && !lines_.isEmpty() &&
           std::all_of(lines_.begin(), lines_.end(), [](const Line& line) { return line.error; });
}

QVariantList BundleImportController::messageLines() const {
    QVariantList out;
    if (shownHere())
        for (const Line& line : lines_)
            out << QVariantMap{{QStringLiteral("text"), line.text}, {QStringLiteral("error"), line.error}};
    return out;
}

void BundleImportController::dismissOffer() { setOffer({}); }

void BundleImportController::dismissMessage() { setMessage(nullptr, false); }

void BundleImportController::retranslate() {
    if (messageMaker_) setMessageFor(shownIn_, messageMaker_, copyOfferPath_);
}

void BundleImportController::setMessage(std::function<QString()> make, bool error, const QString& copyOfferPath) {
    LinesMaker lines;
    if (make) lines = [make = std::move(make), error] { return QList<Line>{{make(), error}}; };
    setMessageFor(chat_.currentConversationId(), std::move(lines), copyOfferPath);
}

void BundleImportController::setMessageFor(qint64 conversationId, LinesMaker make, const QString& copyOfferPath) {
    QList<Line> lines = make ? make() : QList<Line>();
    messageMaker_ = std::move(make);
    if (lines == lines_ && copyOfferPath == copyOfferPath_ && conversationId == shownIn_) return;
    const bool offerMoves = !offer_.id.isEmpty() && conversationId != shownIn_;
    shownIn_ = conversationId;
    copyOfferPath_ = copyOfferPath;  // the copy offer belongs to the message that announced the duplicate
    lines_ = std::move(lines);
    emit messageChanged();
    if (offerMoves) emit offerChanged();
}

void BundleImportController::setOffer(const models::CatalogEntry& entry) {
    if (entry.id == offer_.id) return;
    offer_ = entry;
    if (!entry.id.isEmpty()) shownIn_ = chat_.currentConversationId();  // the imported conversation (selected first)
    emit offerChanged();
}

}  // namespace rwkv::app
