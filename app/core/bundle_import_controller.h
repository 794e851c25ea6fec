// bundle_import_controller.h — importing a conversation bundle or JSON export from the app (sidebar "Import…"),
// and, when the model the conversation was made with is neither loaded nor in the models folder, the offer to
// download it from the catalog ("This conversation was made with X — Download (size)?"); and exporting one (the
// "⋯" menu's Export…: a bundle, JSON or Markdown file, as `rwkv-cli export` writes). Exposed to QML as
// "Importer"; the banner is app/gui/qml/ImportBanner.qml. Tested in tests/app/test_bundle_import.cpp.
#pragma once

#include <functional>

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVariantList>

#include "conversation_export.h"
#include "models/model_catalog.h"

namespace rwkv::store {
class ConversationStore;
}
namespace rwkv::models {
class ModelManagerController;
}

namespace rwkv::app {

class AppSettings;
class ChatController;

/// Where the model of an imported conversation is.
struct ModelLookup {
    enum class Status {
        NoModel,       ///< the file names no model (a JSON export without one)
        Loaded,        ///< the loaded model has the bundle's fingerprint or file name
        Local,         ///< a file of that name is in the models folder
        Bundled,       ///< it is the demo model that comes with the app (localPath)
        Downloadable,  ///< missing here, and the catalog has it (entry)
        Unknown,       ///< missing here, and the catalog does not name it
    };
    Status status = Status::NoModel;
    models::CatalogEntry entry;  ///< the catalog entry (Downloadable; also Local/Loaded when known)
    QString localPath;           ///< the file in the models folder (Local), the demo model's (Bundled)
};

/// Decides where a bundle's model is: the loaded model (same fingerprint, or same file name without extension),
/// a file in one of modelFolders (ModelManagerController::modelFolders, in order) named like the bundle's model or
/// its catalog entry, the demo model at `demoModelPath` (in the app's resources, not a models folder) by that name,
/// else the catalog entry by id (then by file name). Pure: reads only the folder listings.
ModelLookup lookUpModel(const BundleModel& model, const models::ModelCatalog& catalog, const QStringList& modelFolders,
                        const QString& loadedFingerprint, const QString& loadedName,
                        const QString& demoModelPath = {});

class BundleImportController : public QObject {
    Q_OBJECT
    /// True while the download offer is shown (an imported conversation's model is missing and downloadable).
    Q_PROPERTY(bool offerVisible READ offerVisible NOTIFY offerChanged)
    /// The catalog id, display name and size ("1.50 MB") of the offered model.
    Q_PROPERTY(QString offerCatalogId READ offerCatalogId NOTIFY offerChanged)
    Q_PROPERTY(QString offerModelName READ offerModelName NOTIFY offerChanged)
    Q_PROPERTY(QString offerSizeText READ offerSizeText NOTIFY offerChanged)
    /// The last import's or export's outcome for the banner: "Imported “Title” (12 messages)." or why nothing was
    /// imported. It and the download offer belong to the conversation open when they appeared (the imported one): in
    /// any other conversation message is empty and offerVisible false, until that one is opened again.
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    /// True when every line of the message says why something failed (nothing of it was imported or exported): the
    /// banner is an error's. A run of imports some of which were refused is not: its lines say which (messageLines).
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
    /// The message a line each (a run of imports: a line per file), as {text, error}; error: the line says why a file
    /// was not imported or exported, drawn as an error. Before (session 35's check), one refused file of three drew the
    /// whole banner red, the two imported ones' lines too.
    Q_PROPERTY(QVariantList messageLines READ messageLines NOTIFY messageChanged)
    /// True after importing a file the library already held (its conversation was opened instead): the banner offers
    /// "Import a copy" (importCopy).
    Q_PROPERTY(bool copyOfferVisible READ copyOfferVisible NOTIFY messageChanged)
    /// The folder the Import… and Export… dialogs open in: where the last file was imported from or exported to
    /// (remembered in `settings` across starts), the first time the Documents folder (else home).
    Q_PROPERTY(QUrl fileFolder READ fileFolder NOTIFY fileFolderChanged)
    /// True from an import's request (announceImport, importInBackground, importFileSoon, importCopy) until the last
    /// queued one has shown its outcome: an empty sidebar says "Importing…" meanwhile, not "No conversations yet".
    Q_PROPERTY(bool importing READ importing NOTIFY importingChanged)

public:
    /// `settings` (may be null: the folder is then not remembered) keeps fileFolder across starts.
    BundleImportController(store::ConversationStore& store, ChatController& chat,
                           models::ModelManagerController& modelManager, const models::ModelCatalog& catalog,
                           AppSettings* settings = nullptr, QObject* parent = nullptr);
    /// Waits for an import running in the background (it writes through the store).
    ~BundleImportController() override;

    bool offerVisible() const { return shownHere() && !offer_.id.isEmpty(); }
    QString offerCatalogId() const { return offer_.id; }
    QString offerModelName() const { return offer_.name; }
    QString offerSizeText() const;
    QString message() const;
    bool messageIsError() const;
    QVariantList messageLines() const;
    bool copyOfferVisible() const { return shownHere() && !copyOfferPath_.isEmpty(); }
    QUrl fileFolder() const;
    bool importing() const { return running_ || announced_; }

    /// Imports a .rwkvchat bundle or a JSON export (a file URL or a local path) as a new conversation, selects it,
    /// and offers the download when its model is missing. A damaged file imports nothing and sets an error message.
    /// A file the library already holds (an earlier import of it) is not imported again: its conversation is
    /// selected, the message says so and the banner offers importCopy(). Returns the conversation's id, or 0.
    Q_INVOKABLE qint64 importFile(const QString& fileUrlOrPath);
    /// importInBackground() a moment later (kImportDelayMs): the banner says "Importing “name”…" at once. The
    /// Import… dialog's Open calls this; before, the dialog stayed painted and dead for the whole import (15-20 s for
    /// a 2.9 MB export on a busy machine, session 20's trial, F3).
    Q_INVOKABLE void importFileSoon(const QString& fileUrlOrPath);
    /// importFile() with the file's reading, checking and writing on a thread of its own (through the store, which
    /// serves several threads), so the window goes on answering; the outcome is shown as importFile() shows it, then
    /// `then` runs and importFinished() is emitted. Before (session 30's check) the import held the GUI thread: 12 s
    /// of a frozen window for 60,000 messages.
    /// One import runs at a time: a file asked for while another is imported (Import… twice, or Import… during the
    /// --import of the start) waits its turn, and the banner names it ("Importing “a.json”… Next: “b.json”."). The
    /// outcomes of imports that ran one after the other are shown together, a line each, the last import's below
    /// (its conversation is the one opened; the copy offer is the last one's, a missing model is named in its line
    /// rather than offered). Before, both ran at once and the banner showed only the last outcome.
    void importInBackground(const QString& fileUrlOrPath, std::function<void()> then = {});
    /// The banner says "Importing “name”…" (and the download offer is hidden) until the import of `fileUrlOrPath`
    /// says how it went: importFileSoon() and the --import start (main.cpp) show it before the import holds the GUI
    /// thread.
    void announceImport(const QString& fileUrlOrPath);
    static constexpr int kImportDelayMs = 100;
    /// Imports the file of the last import that was already in the library again, as a new conversation titled
    /// "<title> (copy)": the banner's "Import a copy". On the import thread, as importInBackground() (in its queue);
    /// the outcome is shown and importFinished() emitted when it ends. Before (session 32's brief) it read and wrote
    /// the whole file on the GUI thread, the window frozen meanwhile.
    Q_INVOKABLE void importCopy();
    /// Starts the offered download in the model manager (the model loads when it is verified) and hides the offer.
    Q_INVOKABLE void downloadModel();
    /// Writes conversation `conversationId` to a file (a file URL or a local path), as the sidebar's Export… does:
    /// by the name's ending a Markdown file (.md: the branch on screen), a JSON export (.json: every branch) or, for
    /// any other name, a conversation bundle (every branch and the newest saved state; ".rwkvchat" is added to a name
    /// without an ending). Replaces an existing file, but never an SQLite database (the library, say). The banner
    /// says where it went, or why nothing was written. Returns true when the file was written.
    Q_INVOKABLE bool exportConversation(qint64 conversationId, const QString& fileUrlOrPath);
    /// The name of the file exportConversation(id, `fileUrlOrPath`) would replace (".rwkvchat" added to a name without
    /// an ending), or "" where no file is there (or an SQLite database is, which an export refuses anyway): the GUI
    /// asks "Replace …?" before it exports over a file (session 22's trial, F11).
    Q_INVOKABLE QString existingExportName(const QString& fileUrlOrPath) const;
    /// The file name Export… suggests for a conversation titled `title` (exportFileName of conversation_title.h): safe
    /// on every system, never hidden, at most 255 bytes of UTF-8 with its ".rwkvchat".
    Q_INVOKABLE QString suggestedExportName(const QString& title) const;
    Q_INVOKABLE void dismissOffer();
    Q_INVOKABLE void dismissMessage();
    /// After a language switch: the banner's message made again in the new language (it kept the old one).
    void retranslate();
    /// The demo model that comes with the app (main.cpp: in the resources folder), counted as here when an imported
    /// conversation was made with it. Before (session 32's check) it was "not here and not in the model catalog".
    void setDemoModelPath(const QString& path) { demoModelPath_ = path; }

signals:
    /// A background import (importInBackground) has shown its outcome.
    void importFinished();
    /// An import wrote conversation `conversationId` (not sent for a file the library already held): main.cpp
    /// reads the sidebar's open search again (LibraryController::refreshSearch).
    void conversationImported(qint64 conversationId);
    void offerChanged();
    void messageChanged();
    void fileFolderChanged();
    void importingChanged();

private:
    /// A line of the banner; error: it says why a file was not imported or exported.
    struct Line {
        QString text;
        bool error = false;
        bool operator==(const Line&) const = default;
    };
    /// Makes the banner's lines (again at retranslate()).
    using LinesMaker = std::function<QList<Line>()>;
    /// Sets the banner's message, one line as `make` makes it, for the conversation open now.
    void setMessage(std::function<QString()> make, bool error, const QString& copyOfferPath = {});
    /// Sets its lines for `conversationId` (the model-loaded update keeps the conversation the note was shown in).
    void setMessageFor(qint64 conversationId, LinesMaker make, const QString& copyOfferPath);
    bool shownHere() const;
    void setOffer(const models::CatalogEntry& entry);
    qint64 importPath(const QString& path, OnDuplicate onDuplicate);
    /// What reading and writing a file gave: the conversation written, or why nothing was (the banner's words).
    struct Outcome {
        ImportResult result;
        std::function<QString()> refusal;  ///< set: nothing was imported
    };
    /// The file's checks, reading and writing into `store`: on any thread.
    static Outcome readAndImport(store::ConversationStore& store, const QString& path, OnDuplicate onDuplicate);
    /// The banner, the sidebar and the conversation shown after an import (GUI thread); the conversation's id or 0.
    /// `more`: other imports wait (the outcome stays in the banner above theirs). An outcome shown with others makes
    /// no download offer (its sentence would take the banner's place): its line names the model instead.
    qint64 showOutcome(const QString& path, const Outcome& outcome, bool more = false);
    /// A background import asked for, and the one after it.
    struct Pending {
        QString path;
        OnDuplicate onDuplicate = OnDuplicate::OpenExisting;
        std::function<void()> then;
    };
    void enqueue(Pending pending, int delayMs);
    void startNext(int delayMs);
    /// The banner while imports run: the earlier outcomes, "Importing “name”…" and the files that wait.
    void showProgress();
    /// `make`'s line (`error`: a refusal) below the earlier outcomes of this run of imports, a line each (as the
    /// conversation open now has them: see EarlierLine).
    LinesMaker belowEarlier(std::function<QString()> make, bool error) const;
    void rememberFolderOf(const QString& path);

    store::ConversationStore& store_;
    ChatController& chat_;
    models::ModelManagerController& modelManager_;
    const models::ModelCatalog& catalog_;
    AppSettings* settings_;
    QString demoModelPath_;
    void onModelLoadFinished(bool ok);

    models::CatalogEntry offer_;
    // The last import, while its message still says that its model is missing: a model that loads later (the
    // one loading at start, or the offered download) and turns out to be that model clears the note and the offer.
    BundleModel noteModel_;
    LinesMaker noteBaseText_;  // the import's lines without the note about its model
    bool noteShown_ = false;
    QList<Line> lines_;        // the message
    LinesMaker messageMaker_;  // makes lines_ (again after a language switch)
    QString copyOfferPath_;  // the file importCopy() imports again (set while its message is shown)
    qint64 shownIn_ = 0;     // the conversation the message and the offer belong to (0: the new, unsaved chat)
    Pending current_;         // the import running, or about to start (while running_)
    bool running_ = false;
    bool announced_ = false;  // announceImport() said "Importing “NAME”…" and the import has not started yet
    QList<Pending> waiting_;  // asked for while current_ runs, in order
    /// An outcome shown before current_'s since the first of the run: its words, "opened it" or not (a file the
    /// library held, whose conversation is open or not), and that conversation (0: refused, an error's line).
    struct EarlierLine {
        std::function<QString(bool opened)> make;
        qint64 conversationId = 0;
    };
    QList<EarlierLine> earlier_;
};

}  // namespace rwkv::app
