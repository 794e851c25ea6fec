// chat_controller.h — the QML-facing controller of the chat window: conversations, messages, send/stop, model.
// Talks to InferenceWorker only through queued signals, all connected in connectWorker(). Knows nothing of QML.
// A reply not saved yet (a full disk, another program's lock) lives in chat_controller_unsaved_reply.cpp.
// Tested in tests/app/test_chat_controller.cpp, test_unsaved_reply.cpp (a reply not saved) and, through the real
// window, tests/e2e/test_app_e2e.cpp.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <QString>
#include <QUrl>

#include <exception>
#include <functional>
#include <optional>

#include "chat_session.h"
#include "conversation_fork.h"
#include "conversation_list_model.h"
#include "inference_worker.h"
#include "message_model.h"

namespace rwkv::store {
class ConversationStore;
struct Conversation;
}

namespace rwkv::app {

class ChatController : public QObject {
    Q_OBJECT
    Q_PROPERTY(rwkv::app::ConversationListModel* conversations READ conversations CONSTANT)
    Q_PROPERTY(rwkv::app::MessageModel* messages READ messages CONSTANT)
    Q_PROPERTY(qint64 currentConversationId READ currentConversationId NOTIFY currentConversationChanged)
    /// The chat shown has damaged messages (store::Message::damage, a loop of parents too): a translated sentence naming
    /// the chat, saying how they are shown and what still works; empty when none. damageDetail: the rows ("message 7:
    /// its role is unreadable").
    Q_PROPERTY(QString damageNote READ damageNote NOTIFY damageNoteChanged)
    Q_PROPERTY(QString damageDetail READ damageDetail NOTIFY damageNoteChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentConversationChanged)
    /// The open conversation's own sampling preset (a name of samplingPresetNames()), or "" for the app default
    /// (setParams: the Settings page's preset). The next reply uses it when the params say useConversationPreset (the
    /// GUI's do). A new chat not saved yet keeps the choice and writes it when its first message creates it.
    Q_PROPERTY(QString conversationPreset READ conversationPreset WRITE setConversationPreset
                   NOTIFY conversationPresetChanged)
    /// The open conversation's instructions (its system prompt, read as the chat's first "System:" turn), as typed; for
    /// a new chat not saved yet, those its first message will give it (Settings → Instructions for new chats, unless
    /// changed there). Empty: none. setInstructions changes them.
    Q_PROPERTY(QString currentInstructions READ currentInstructions NOTIFY currentInstructionsChanged)
    /// The file name of the state-tuning file the open conversation starts from (store::Conversation::start_state;
    /// docs/conversations.md "Starting state"); empty: the zero state. For a new chat not saved yet, the file its first
    /// message will start it from (setStartState(0, …)). setStartState changes it.
    Q_PROPERTY(QString currentStartState READ currentStartState NOTIFY currentStartStateChanged)
    /// The title of the chat the open one was made from by "New chat from here" (store::Conversation::
    /// forked_from_message_id), the window's "Made from “…”" line; empty for every other chat, and where that chat is
    /// in the trash or deleted. openMadeFrom opens it.
    Q_PROPERTY(QString currentMadeFrom READ currentMadeFrom NOTIFY currentMadeFromChanged)
    /// The message whose "New chat from here" is making its chat now (forkConversation, on a thread of its own), 0 when
    /// none: that button says so, and every such button is off meanwhile.
    Q_PROPERTY(qint64 forkingMessageId READ forkingMessageId NOTIFY forkingChanged)
    Q_PROPERTY(ComposerState composerState READ composerState NOTIFY composerStateChanged)
    /// The conversation whose reply is being written (it may not be the one shown), 0 when none: the sidebar marks it.
    Q_PROPERTY(qint64 writingConversationId READ writingConversationId NOTIFY composerStateChanged)
    /// Whether that conversation's turn still waits for a Local API request to finish (docs/gui.md, "Sending while a
    /// Local API request is answered"): the sidebar says it waits, not that it writes.
    Q_PROPERTY(bool waitingForApi READ waitingForApi NOTIFY waitingForApiChanged)
    /// How many versions of a reply are being written at once in the chat shown (regenerateSeveral), 0 when none: the
    /// reply being written shows ‹ k/N › then, to step among them (MessageActions.qml).
    Q_PROPERTY(int writingVersions READ writingVersions NOTIFY writingVersionsChanged)
    /// That conversation's title while another one (or a new chat) is shown, empty otherwise: the composer there offers
    /// Send, not a Stop that would stop the other chat's reply, and says where the reply is being written (session 36's
    /// trial, F4: the other chat showed a red Stop and "Writing…", and Enter did nothing without a word).
    Q_PROPERTY(QString replyElsewhere READ replyElsewhere NOTIFY replyElsewhereChanged)
    Q_PROPERTY(QString modelPath READ shownModelPath NOTIFY modelChanged)
    Q_PROPERTY(QString modelName READ shownModelName NOTIFY modelChanged)
    Q_PROPERTY(QUrl modelFolder READ modelFolder NOTIFY modelChanged)
    Q_PROPERTY(QString modelStatus READ modelStatus NOTIFY modelChanged)
    /// A device or thread count chosen in Settings while a reply or a load ran waits for it to end, when the model
    /// loads again with it (reloadModelWhenIdle): the Settings page says so.
    Q_PROPERTY(bool loadOptionsWaiting READ loadOptionsWaiting NOTIFY loadOptionsWaitingChanged)
    /// The file of the latest load that failed and why (the banner's sentence), for the Models page's row of that
    /// file: the banner is behind the page (session 28's trial, F3). Both empty once a load starts or succeeds.
    Q_PROPERTY(QString failedModelPath READ failedModelPath NOTIFY failedLoadChanged)
    Q_PROPERTY(QString failedModelReason READ failedModelReason NOTIFY failedLoadChanged)
    /// The loaded model is the bundled demo model (app_paths.h kDemoModelFileName), whose replies are babble: the
    /// empty chat says so and points to Models.
    Q_PROPERTY(bool demoModel READ isDemoModel NOTIFY modelChanged)
    /// The loaded model's file, backend, the engine's device description and shape (the status line's tooltip).
    Q_PROPERTY(QString modelDetails READ modelDetails NOTIFY modelChanged)
    /// The CPU threads "Automatic" stands for with the loaded model (all hardware threads, or 1 for a very small
    /// model); 0 before one is loaded. Settings' threads box steps from it.
    Q_PROPERTY(int automaticThreads READ automaticThreads NOTIFY modelChanged)
    Q_PROPERTY(QString replyStatus READ replyStatus NOTIFY replyStatusChanged)
    /// replyStatus without a reply's speed ("512 tokens at 48.4 tok/s", under the reply too): what the status line
    /// shows when the whole does not fit, with the note of questions read with the turn in fewer words, so that the
    /// why of a re-read is not cut (session 37's trial); replyStatus when it has no speed.
    Q_PROPERTY(QString replyStatusBrief READ replyStatusBrief NOTIFY replyStatusChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    /// errorText without the engine's own words (a failed load or reply: the translated sentence, then the engine's
    /// English detail on a line of its own, engine_error_text.h), and that detail, or empty. The banner shows the
    /// detail smaller, as "Details: …" (it read as untranslated English inside a zh_CN sentence: session 20 trial F9).
    Q_PROPERTY(QString errorSummary READ errorSummary NOTIFY errorTextChanged)
    Q_PROPERTY(QString errorDetail READ errorDetail NOTIFY errorTextChanged)
    /// errorText tells of nothing that failed (ErrorTexts::notice: the saved states cleared at the start): the banner
    /// is drawn in the notice style, not in the danger red (session 34's check).
    Q_PROPERTY(bool errorIsNotice READ errorIsNotice NOTIFY errorTextChanged)
    /// A message sent while the model was loading: sent (queuedMessageSent) once it has loaded; empty otherwise.
    Q_PROPERTY(QString queuedMessage READ queuedMessage NOTIFY queuedMessageChanged)
    /// Share of the prompt read so far (0..1) while a long prompt is being read (more than one prefill chunk);
    /// -1 otherwise. The view shows a progress bar with Cancel (= stop()).
    Q_PROPERTY(double prefillProgress READ prefillProgress NOTIFY prefillProgressChanged)
    /// What the progress bar says meanwhile: "Reading the conversation… 120 / 580 tokens" while the conversation's
    /// text is read again (its state was not saved for this model and device, e.g. after a device switch), and once it
    /// has read for 0.5 s its rate and the time left at that rate ("… · 48.0 tok/s · about 10 s left"), else
    /// "Reading the prompt… 45%". Empty when prefillProgress is -1.
    Q_PROPERTY(QString prefillText READ prefillText NOTIFY prefillProgressChanged)
    /// The conversation database could not be written and was opened read-only (ConversationStore::isReadOnly):
    /// the error banner says so (libraryFile names the file) until dismissed; changes fail with a clear error.
    Q_PROPERTY(bool libraryReadOnly READ libraryReadOnly CONSTANT)
    Q_PROPERTY(QString libraryFile READ libraryFile CONSTANT)
    /// The longest title a conversation keeps (kMaxTitleLength): the rename dialog's limit.
    Q_PROPERTY(int maxTitleLength READ maxTitleLength CONSTANT)
    /// The longest instructions a conversation keeps (kMaxInstructionsLength): the instructions fields' limit.
    Q_PROPERTY(int maxInstructionsLength READ maxInstructionsLength CONSTANT)
    /// kMaxReadDown: the most messages one loadOlderMessages reads (the scroll bar let go at its top reads this many).
    Q_PROPERTY(int maxMessagesRead READ maxMessagesRead CONSTANT)
    /// A reply a full disk kept from being saved is on screen (replyAwaitsRoom): UnsavedReplyDialog closes the window
    /// once it is not, e.g. saved by the retry while the dialog asks.
    Q_PROPERTY(bool replyAwaitsRoom READ replyAwaitsRoom NOTIFY replyAwaitsRoomChanged)
    /// That reply's last try met another program's lock on the database (SQLITE_BUSY / SQLITE_LOCKED), not a full
    /// disk: the banner, the dialog and the status line once it is saved name the lock.
    Q_PROPERTY(bool replyAwaitsLock READ replyAwaitsLock NOTIFY replyAwaitsRoomChanged)
    /// That reply's last try could not write the file for another reason than room or a lock (SQLITE_IOERR: an I/O
    /// error, an immutable file; SQLITE_READONLY): the banner, the dialog and the status line say so.
    Q_PROPERTY(bool replyAwaitsWrite READ replyAwaitsWrite NOTIFY replyAwaitsRoomChanged)
    /// The banner that says a reply (or versions) on screen is not saved, while it is up (else empty): the banner's
    /// Copy is offered beside it when Chat.errorText is this text (ErrorBanner.qml).
    Q_PROPERTY(QString unsavedBanner READ unsavedBanner NOTIFY unsavedBannerChanged)
    /// What UnsavedReplyDialog asks (quitQuestion()), changed with the reason the reply waits for.
    Q_PROPERTY(QString quitQuestion READ quitQuestion NOTIFY replyAwaitsRoomChanged)

public:
    /// What the composer (input box + Send/Stop) offers; the view shows exactly one of these.
    enum class ComposerState {
        NoModel,       ///< no model: sending is disabled, the model picker is highlighted
        LoadingModel,  ///< a model is loading: sending is disabled
        Ready,         ///< Send is enabled
        Generating,    ///< a reply is streaming: Stop is shown instead of Send
        ReadOnly,      ///< the library was opened read-only (libraryReadOnly): sending, regenerate and edit are
                       ///< disabled, since their messages could not be saved
    };
    Q_ENUM(ComposerState)

    ChatController(store::ConversationStore& store, InferenceWorker& worker, QObject* parent = nullptr);
    /// Saves a reply a full disk kept from being saved (unsavedReply_), if there is room now: the last try, at quit;
    /// if there is none, stderr says the reply was lost (a quit that did not ask: saveBeforeQuit). A reply still being
    /// written is stopped and its save waited for first; another program's lock is waited for kQuitSaveLockWaitMs at
    /// most, by that save and the last try together.
    ~ChatController() override;

    ConversationListModel* conversations() { return &conversations_; }
    MessageModel* messages() { return &messages_; }
    qint64 currentConversationId() const { return currentId_; }
    QString damageNote() const;
    QString damageDetail() const;
    QString currentTitle() const;
    /// Conversation `id`'s title as the sidebar shows it (one in the trash too), "New chat" for 0, empty when the
    /// library has no such conversation: the quit's question names the chats whose unsent text it would lose.
    Q_INVOKABLE QString conversationTitle(qint64 id) const;
    ComposerState composerState() const;
    qint64 writingConversationId() const { return generating_ ? streamingConversationId_ : 0; }
    bool waitingForApi() const { return generating_ && waitingForApi_; }
    /// Whether "Free space used by saved states" runs (LibraryController::freeStateSpace sets it): a Send, Regenerate
    /// or Edit is refused meanwhile with why, the message left in its box. Before, a Send in a chat took the message
    /// out of the box and its turn waited unseen for the store's writer — "Thinking…" for the whole VACUUM (15-25 s on a
    /// 1.6 GB library) — and the app killed meanwhile lost it (session 49's trial). Ending it closes that banner.
    void setFreeingStates(bool freeing);
    QString replyElsewhere() const;
    QString modelPath() const { return model_.path; }
    /// The file of the latest load that started (running or finished, loaded or failed).
    QString loadingModelPath() const { return loadingPath_; }
    QString modelName() const { return model_.name; }  ///< the file's base name as it is (compared with other names)
    /// The model's name as the window shows it (the model button, the status line, "Still using …"): on one line, a
    /// line break, a bidi control such as U+202E and every other invisible character written as an escape
    /// (models::oneLine), as the Models page's rows show the file. A file named "invoice\u202efdp.pth" turned the status
    /// line around ("invoicerezinekot etyb · UPC · pdf") and "odd\nname.pth" took two lines (session 40's trial).
    QString shownModelName() const;
    /// The model file's path as the model button's tooltip shows it (QML's Chat.modelPath): on one line by the same
    /// rule (models::oneLine); modelPath() stays the path as it is. A folder or file named with U+202E turned the
    /// tooltip around, as it did the status line (session 40's check).
    QString shownModelPath() const;
    QString failedModelPath() const { return failedModelPath_; }
    QString failedModelReason() const { return failedLoadMaker_ ? failedLoadMaker_().summary : QString(); }
    bool isDemoModel() const;
    /// Fingerprint of the loaded model (16 hex digits), empty before one is loaded.
    QString modelFingerprint() const { return model_.fingerprint; }
    QUrl modelFolder() const;
    QString modelStatus() const;
    QString modelDetails() const;
    int automaticThreads() const { return modelLoaded_ ? model_.automaticThreads : 0; }
    /// The loaded model's state size in bytes (ModelInfo::stateBytes), 0 with none: main.cpp's low-disk check.
    qint64 modelStateBytes() const { return modelLoaded_ ? model_.stateBytes : 0; }
    QString replyStatus() const { return replyStatus_; }
    QString replyStatusBrief() const { return replyStatusBrief_.isEmpty() ? replyStatus_ : replyStatusBrief_; }
    /// A reply a full disk kept from being saved is on screen, waiting for room (tried again every kUnsavedRetryMs).
    bool replyAwaitsRoom() const { return unsavedReply_.messageId != 0; }
    bool replyAwaitsLock() const { return unsavedFor_ == UnsavedFor::Lock; }
    QString unsavedBanner() const { return unsavedBanner_; }
    bool replyAwaitsWrite() const { return unsavedFor_ == UnsavedFor::WriteError; }
    QString errorText() const { return errorText_; }
    QString errorSummary() const { return errorSummary_; }
    QString errorDetail() const { return errorDetail_; }
    bool errorIsNotice() const { return errorIsNotice_; }
    QString queuedMessage() const { return queuedText_; }
    bool libraryReadOnly() const;
    QString libraryFile() const;
    /// Why a library that could be written was opened read-only, in the window's language (a full disk: "the disk is
    /// full"; ConversationStore::readOnlyReasonText); empty when the file or its folder simply cannot be written, or
    /// the library is writable. A function, so the banner's binding asks again after a language switch.
    Q_INVOKABLE QString libraryReadOnlyReason() const;
    static int maxTitleLength();
    static int maxInstructionsLength();
    static int maxMessagesRead() { return kMaxReadDown; }
    double prefillProgress() const { return prefillProgress_; }
    QString prefillText() const;

    /// Sampling settings used for the next replies. With useConversationPreset the conversation's own preset
    /// replaces `sampler` (keeping its seed) when the turn starts: turnRequested carries the resolved sampler.
    void setParams(const ChatParams& params) { params_ = params; }
    const ChatParams& params() const { return params_; }
    /// Test hook (--reply-pace): ChatParams::paceMs for every reply, whatever setParams sets.
    void setReplyPace(int ms) { paceMs_ = ms; }
    /// Test hook (--save-retry-ms): how often a reply not saved yet is tried again, instead of kUnsavedRetryMs, so
    /// that the e2e suites that wait for that retry (test_full_disk_e2e) do not wait 5 s each time.
    void setUnsavedRetryMs(int ms);
    /// Milliseconds, monotonic: the clock of a re-read's rate (prefillText). The default is a QElapsedTimer; tests pass
    /// their own.
    void setClock(std::function<qint64()> clockMs) { clockMs_ = std::move(clockMs); }
    QString conversationPreset() const { return preset_; }
    QString currentInstructions() const { return instructions_; }
    /// Conversation `id`'s instructions (0: the new chat's, currentInstructions), empty when none or unknown.
    Q_INVOKABLE QString instructionsOf(qint64 id) const;
    /// Sets conversation `id`'s instructions to `text` (blanks only: none), kept as typed (the chat format makes each
    /// run of blank lines one line break when the model reads them; the dialog says so). When they differ from the
    /// old ones, the chat's saved states go in the same transaction (ConversationStore::setSystemPrompt) and its state
    /// in memory too (InferenceWorker::instructionsChanged): its next reply reads the chat again from the start with
    /// them, and the status line says why. Refused while a reply is written in that chat (its state would be saved
    /// with the old ones), as a rename is under another program's lock, and when longer than kMaxInstructionsLength
    /// (the dialog's OK is off then): the banner says so. 0: the new chat not
    /// saved yet (its first message creates it with them; kept until then, also when another chat is opened meanwhile;
    /// the chat made, the next new chat starts from Settings' again).
    Q_INVOKABLE bool setInstructions(qint64 id, const QString& text);
    /// Settings → Instructions for new chats: those a new chat starts with (a chat made before keeps its own).
    void setNewChatInstructions(const QString& text);
    QString currentStartState() const { return startState_; }
    QString currentMadeFrom() const { return madeFrom_.title; }
    /// Opens the chat the open one was made from at the message it was made from (showMessage), on the version that
    /// holds it. Nothing where currentMadeFrom is empty.
    Q_INVOKABLE void openMadeFrom();
    /// Makes conversation `id` start from the state-tuning file `pathOrUrl` (a path or a file URL; empty: the zero
    /// state). The file is read and hashed now (app::readStartStateFile): one that is no state-tuning file, or made for
    /// a model of another shape than the one loaded, is refused with the banner saying why, and nothing changes. When
    /// it differs from the chat's, its saved states go in the same transaction (ConversationStore::setStartState) and
    /// its state in memory too (InferenceWorker::startStateChanged), as with instructions; refused likewise while a
    /// reply is written in that chat. 0: the new chat not saved yet — the file is read and checked now, and kept (path
    /// and sha256, also when another chat is opened meanwhile) until its first message creates the chat starting from
    /// it, as its own instructions are.
    Q_INVOKABLE bool setStartState(qint64 id, const QString& pathOrUrl);
    /// Stores `name` ("" or a name of samplingPresetNames()) as the open conversation's preset; an unknown name or a
    /// store error (read-only library) sets errorText and changes nothing.
    void setConversationPreset(const QString& name);

    /// Sends a message in the current conversation (a new one when none is selected), after the last message shown
    /// (so a branch chosen with showSibling() goes on). Returns false and sets errorText when it cannot be sent
    /// (empty text, no model, a reply still running). While a model loads the text is queued instead (false is
    /// returned, so the view keeps it in the box; replyStatus says it will be sent): it is sent when the model has
    /// loaded (queuedMessageSent), or dropped with an error when the load fails (the text is still in the box).
    Q_INVOKABLE bool send(const QString& text);
    /// Whether `text` holds nothing to read (holdsNothingToRead: white space and invisible characters only), so that
    /// send() refuses it as empty; the box's Send stays off for it (Composer.hasText), Rename's OK for such a title.
    Q_INVOKABLE bool nothingToRead(const QString& text) const;
    /// Writes a new reply to the question of `messageId` (a reply or a question of the current conversation) from
    /// the exact state before that turn; the old reply stays as a sibling. Returns false (errorText set) if refused.
    Q_INVOKABLE bool regenerate(qint64 messageId);
    /// "3 replies": `count` new versions (2 to ChatSession::kMaxVersions) of the reply `messageId` (or to the question
    /// `messageId`) at once, from the state regenerate starts from, each with its own seed (ChatSession::
    /// regenerateSeveral). The first is shown as it is written; ‹ › steps among them meanwhile (showSibling), each shown
    /// streaming. Stop stops them all. Returns false (errorText set) if refused, as regenerate.
    Q_INVOKABLE bool regenerateSeveral(qint64 messageId, int count = kVersionsAtOnce);
    /// The versions "3 replies" writes.
    static constexpr int kVersionsAtOnce = 3;
    int writingVersions() const;
    /// Continues the cut reply `messageId` (length limit, Stop, a close, a crash: ChatSession::continueReply): a new
    /// version of it, shown whole at once — its text, then the new words streaming. Returns false if refused.
    Q_INVOKABLE bool continueReply(qint64 messageId);
    /// Sends `text` in place of the question `messageId` as a new branch; the old branch stays reachable.
    Q_INVOKABLE bool editMessage(qint64 messageId, const QString& text);
    /// Shows the branch of the sibling `step` places from `messageId` (-1 = ‹, +1 = ›): its newest leaf. While several
    /// versions are written (regenerateSeveral), it steps among them only, and the one shown streams.
    Q_INVOKABLE void showSibling(qint64 messageId, int step);
    /// Opens a conversation on a branch that holds `messageId` (the one viewed last when it does, as the sidebar opens
    /// it, else the newest under it: leafShowing) and announces messageShown (search results): a
    /// window of the branch around it, kPageMessages above and below it, the rest read as the view is scrolled
    /// (loadOlderMessages, loadNewerMessages). Before (session 30's check) every page down to it was read: ~85 s and
    /// 650 MB for a hit near the top of a 200,000-message chat. `words`: the search's, which the view looks for in a
    /// message taller than itself (messageShown).
    Q_INVOKABLE void showMessage(qint64 conversationId, qint64 messageId, const QString& words = {});
    /// How many messages of a branch are read at a time: a conversation opens on its newest kPageMessages, and the
    /// view asks for the next older page (loadOlderMessages) as it is scrolled near its first row. Before, the whole
    /// branch was read and every row copied twice before the window appeared: a 200,000-message conversation took
    /// 7-11 s and 1.2 GB at start (session 29's check).
    static constexpr int kPageMessages = 100;
    /// The most messages one loadOlderMessages reads: the scroll bar let go at its top reads this many above the first
    /// row (MessageView.qml): 50 pages.
    static constexpr int kMaxReadDown = 50 * kPageMessages;
    /// Puts the next `count` messages (a page; kMaxReadDown at most) above the first row shown (messages.olderMessages);
    /// false when there is none (the first message is shown) or it cannot be read.
    Q_INVOKABLE bool loadOlderMessages(int count = kPageMessages);
    /// Puts the next kPageMessages messages under the last row of a window (messages.newerMessages); false when there
    /// is none (the branch's last message is shown) or it cannot be read.
    Q_INVOKABLE bool loadNewerMessages();
    /// Shows an error in the banner (used by LibraryController), with the engine's words apart (errorDetail) when
    /// `detail` is given: errorText is then `text`, a newline and `detail`.
    void showError(const QString& text, const QString& detail = {}) {
        setError(detail.isEmpty() ? text : text + QLatin1Char('\n') + detail, text, detail);
    }
    /// The banner's sentence (errorSummary) and the engine's words (errorDetail), as an ErrorMaker makes them.
    struct ErrorTexts {
        QString summary;
        QString detail;
        /// errorText when it is not summary, a newline and detail (a failed reply's); empty: that. Its default
        /// initialiser lets a banner give {summary, detail} alone without -Wmissing-field-initializers (GCC, Clang).
        QString text = {};
        /// Nothing failed: a notice for the user (errorIsNotice), drawn as such.
        bool notice = false;
    };
    /// Makes a banner's texts from the parts it keeps (a file, the engine's error code and words), in the language
    /// installed when called.
    using ErrorMaker = std::function<ErrorTexts()>;
    /// Shows the error `make` makes, and makes it again after a language switch (retranslate()): the banner then
    /// reads in the new language, as the rest of the window. Before, it kept the old language under a translated
    /// "Details:" label (session 28's trial, F9).
    void showError(ErrorMaker make);
    /// Makes a banner's sentence, in the language installed when called.
    using TextMaker = std::function<QString()>;
    /// Shows the sentence `make` makes (no details), made again after a language switch (retranslate()). Before, every
    /// banner but a load failure's kept the language it was shown in (session 28's review of f60909b).
    void showError(TextMaker make);
    /// What makes the banner shown, when showError(ErrorMaker) or a failed load set it; empty for a fixed text.
    ErrorMaker errorMaker() const { return errorMaker_; }
    /// Stops the running reply; the part already written is kept.
    Q_INVOKABLE void stop();
    /// Shows an empty chat; the conversation is created by the first send().
    Q_INVOKABLE void newConversation();
    Q_INVOKABLE void selectConversation(qint64 id);
    /// Selects the most recently updated conversation, if any (what the window shows at start).
    void selectMostRecent();
    /// Renames conversation `id` to `title` on one line (simplified), cut to maxTitleLength characters ("…" at the end).
    /// Another program's lock on the database is waited for at most kChangeLockWaitMs: the title stays as it was and
    /// the banner says so (as for every change below and a new chat's first send()).
    Q_INVOKABLE bool renameConversation(qint64 id, const QString& title);
    /// Moves conversation `id` to the trash; under another program's lock it is kept, and the banner says so.
    Q_INVOKABLE bool deleteConversation(qint64 id);
    /// "New chat from here" under message `messageId` of the chat shown (app::forkAt, conversation_fork.h): a new chat
    /// of the chat up to that reply — the version shown, with its saved states, so its next message goes on from there
    /// without reading it again — or, under a question, of the chat before it. Titled "From here: TITLE" (translated:
    /// seen in the sidebar, where the end of a long title is cut). The copy runs on a thread of its own
    /// (chat_controller_fork.cpp: a 50,000-message chat held the window seconds) and kForkIsUnderWay is returned, with
    /// forkingMessageId `messageId` meanwhile; once made, the chat is listed (refreshConversations) and forkMade says so
    /// — the view puts a question's text in its message box (its draft), then opens it (selectConversation). Refused
    /// (another program's lock, a damaged file): 0, now or once the copy ends; the banner says why, nothing written.
    /// 0 too while another fork is under way. At a chat's first question nothing is stored: the new chat takes that
    /// chat's instructions, starting state and preset, and kForkIsTheNewChat is returned — the view puts the question
    /// in the new chat's box and opens it.
    Q_INVOKABLE qint64 forkConversation(qint64 messageId);
    static constexpr qint64 kForkIsTheNewChat = -1;
    static constexpr qint64 kForkIsUnderWay = -2;
    qint64 forkingMessageId() const { return forkingMessageId_; }

    /// The longest (ms) a change made from the window on the GUI thread — a rename, a move to the trash, a new chat's
    /// first message, a pin, a restore, a deletion for good, a preset, an import — waits for a lock another program
    /// holds on the database (an sqlite3 shell, another RWKV Desktop) before it is refused as not done: the store's
    /// busy timeout (5 s) froze the window meanwhile (session 26). Long enough for another RWKV Desktop's own saves.
    static constexpr int kChangeLockWaitMs = 200;
    /// Loads a model file (a local path or a file:// URL) on the worker thread.
    Q_INVOKABLE void loadModel(const QString& pathOrUrl);
    /// Loads `path` now or, while a reply is being written or another model loads, as soon as that ends (a download
    /// that was verified mid-reply). A later call, or a loadModel() that starts, replaces a waiting path.
    void loadModelWhenIdle(const QString& path);
    /// The load options (device, threads) changed: loads the model in use again now, or once the reply or load
    /// under way ends (loadOptionsWaiting meanwhile). A model waiting to load (loadModelWhenIdle) takes them instead.
    /// Before, a change during a reply was saved but never applied (session 27's trial, F3).
    void reloadModelWhenIdle();
    /// The loaded model's file `oldPath` was renamed or moved to `newPath` while in use (ModelManagerController::
    /// modelInUseRenamed): the model button, the status line and a reload (Settings' device) name the file by its new
    /// path, and replies made from now on record its new name; nothing is loaded again. Nothing when the model loaded
    /// is another file.
    void followRenamedModel(const QString& oldPath, const QString& newPath);
    bool loadOptionsWaiting() const { return optionsWaiting_; }
    /// The banner's ✕: closes the banner; a standing notice shown in it (setStandingNotice) stays closed for the run.
    Q_INVOKABLE void dismissError();
    /// A banner for a lasting condition (main.cpp: the data folder's disk almost full, low_disk.h): shown again in
    /// place of the banner that a new turn or a model load closes, for as long as `make` returns a sentence, until the
    /// user closes it (dismissError). Before, the first Send closed it for good, so a user who sent at once never saw
    /// the warning (session 39's trial, LOW).
    void setStandingNotice(TextMaker make);
    /// Closing the window (Main.qml's onClosing) while a reply a full disk kept from being saved is still on screen:
    /// tries to save it once more; true when nothing is left unsaved (the window may close), false when the disk is
    /// still full — the window then asks (quitQuestion: Try again, Copy reply, Quit anyway) instead of losing the
    /// reply without a word, as it did although the banner promised a save "when you quit" (session 24's trial, F1).
    /// Quits that nobody can answer (SIGTERM, logout, the test hooks' end) do not ask: ~ChatController makes the last
    /// try and, if the disk is still full, says on stderr that the reply was lost. A reply still being written is
    /// stopped, and false returned while composerState is Generating: the window closes or asks once replyCompleted
    /// says how its save went (another program's lock on the database: the question of replyAwaitsLock). Meanwhile
    /// the status line says "Saving the reply before closing…", and that save waits at most kCloseSaveLockWaitMs for
    /// another program's lock (the store's 5 s otherwise), so that the dialog asks soon — also a save that already
    /// waited when the window was closed (the reply had ended by itself). A turn still waiting for a Local API request
    /// ends first, as Stop ends it (endWaitingTurn): nothing to wait for.
    Q_INVOKABLE bool saveBeforeQuit();
    /// The question asked then: the file whose disk is full (or that another program is using: replyAwaitsLock), what
    /// quitting loses, what to do.
    QString quitQuestion() const;
    /// The text of that reply, for the dialog's Copy reply and the banner's Copy; empty when every reply is saved. With
    /// several versions not saved ("3 replies"), every one the banner names, in ‹ k/N ›'s order, each under a line
    /// "Reply k of N:" and a blank line between them: it was the banner's version alone, while the banner said "Copy
    /// them now" (session 53's lows1).
    Q_INVOKABLE QString unsavedReplyText() const;
    /// How many versions unsavedReplyText holds (0: none): "Copy reply" or "Copy replies".
    Q_INVOKABLE int unsavedReplyCount() const {
        return unsavedReply_.messageId == 0 ? 0 : int(unsavedVersions_.size()) + 1;
    }
    /// Re-reads the conversation list from the store.
    Q_INVOKABLE void refreshConversations();
    /// After a language switch: announces the texts built here (title, model status) so the view re-reads them, and
    /// builds the status line (replyStatus) again in the new language.
    void retranslate();
    /// The status line after a reply (`withSpeed` false: replyStatusBrief), in the language installed: what was read,
    /// the speed, and first what went wrong with its save (a state not saved, saved states dropped for room).
    static QString describe(const TurnStats& stats, bool withSpeed = true);

signals:
    void currentConversationChanged();
    void damageNoteChanged();
    void conversationPresetChanged();
    void currentInstructionsChanged();
    void currentStartStateChanged();
    void currentMadeFromChanged();
    void forkingChanged();
    /// forkConversation's chat `conversationId` is made and listed; `question`: the question it was made at (for its
    /// message box), null under a reply.
    void forkMade(qint64 conversationId, const QString& question);
    void composerStateChanged();
    void writingVersionsChanged();
    void waitingForApiChanged();
    void replyElsewhereChanged();
    void modelChanged();
    void replyStatusChanged();
    void errorTextChanged();
    void queuedMessageChanged();
    /// The message queued while the model loaded was sent: the view clears its box if it still holds `text`.
    void queuedMessageSent(const QString& text);
    /// A sent message could not be saved (the turn failed before its question was stored, e.g. on a full disk): the
    /// view puts `text` back in its box, so nothing typed is lost.
    void messageNotSent(const QString& text);
    void prefillProgressChanged();
    void replyAwaitsRoomChanged();
    void unsavedBannerChanged();
    void loadOptionsWaitingChanged();
    void failedLoadChanged();
    /// A model finished loading (ok) or failed (error set).
    void modelLoadFinished(bool ok);
    /// A reply finished or was stopped (ok) or failed (errorText set).
    void replyCompleted(bool ok);
    /// The view should bring this message into sight (after showMessage()); in a message taller than the view, the
    /// first place that holds `words` (a search's; none: the message's start).
    void messageShown(qint64 messageId, const QString& words);
    /// A turn's question and its reply `replyId` (empty, about to stream) are in the rows, where the old branch's were:
    /// the view follows them now, before the next frame (MessageView.qml).
    void turnShown(qint64 replyId);
    /// A user action whose time to the next frame the timing log measures ("switch"; RWKV_TIMING=1).
    void uiActionStarted(const QString& action);

    // --- to worker (connected in connectWorker only) ---
    void loadModelRequested(const QString& path);
    void modelRenameRequested(const QString& path);  // followRenamedModel: the worker's names for the model
    /// Announces every turn (send, regenerate, edit) before it is queued; the worker runs turnRequested.
    void sendRequested(qint64 conversationId, const QString& text, const rwkv::app::ChatParams& params);
    void turnRequested(const rwkv::app::TurnRequest& request, const rwkv::app::ChatParams& params);
    void forgetRequested(qint64 conversationId);
    /// setInstructions changed conversationId's instructions: the worker drops its state and notes why.
    void instructionsChangeRequested(qint64 conversationId);
    /// setStartState changed conversationId's starting state: the worker drops its state and notes why.
    void startStateChangeRequested(qint64 conversationId);
    void prefetchRequested(qint64 conversationId, qint64 leafMessageId);

private:
    void connectWorker();
    void loadPendingModel();
    // --- from worker ---
    void onModelLoaded(const rwkv::app::ModelInfo& info);
    void onModelLoadFailed(const QString& path, int code, const QString& error);
    void onReplyStarted(qint64 conversationId, qint64 userMessageId, qint64 assistantMessageId);
    void onRereading(qint64 conversationId, qint64 historyTokens, qint64 total);
    void onPrefillProgress(qint64 conversationId, qint64 done, qint64 total);
    void onReplyDelta(qint64 conversationId, const QString& text);
    void onReplyFinished(const rwkv::app::TurnStats& stats);
    void onReplyFailed(qint64 conversationId, const std::exception_ptr& error);
    void onReplyNotSaved(const rwkv::app::TurnStats& stats);
    // Several versions at once (chat_controller_versions.cpp).
    void onVersionsStarted(qint64 conversationId, const QList<qint64>& assistantMessageIds);
    void onVersionDelta(qint64 conversationId, qint64 assistantMessageId, const QString& text);
    void onVersionsFinished(const QList<rwkv::app::TurnStats>& versions);
    /// showSibling while several versions are written: steps to the version `step` places from `messageId` and shows
    /// it streaming. True when it was one of them (done, or refused at the versions' ends).
    bool showVersion(qint64 messageId, int step);

    void setCurrent(qint64 id);
    /// The chat `conversationId` a send made from the new chat (madeBySend_), when its first turn stored nothing: deleted
    /// for good and the new chat shown again with what it held. Anything else (another chat, a row with messages, a
    /// delete that fails) is left as it is.
    void takeBackChatMadeBySend(qint64 conversationId);
    void rememberBranch(qint64 conversationId, qint64 leafId);  // store_.setViewedBranch, errors ignored
    /// Reads the branch shown again (currentLeafId_, 0: the newest). `keepRows`: down from the first row shown now
    /// when the new branch holds it (a turn starting, another version, an unsaved reply shown again), so the view keeps
    /// its rows; else (another conversation) its newest page. A window that does not reach the branch's last message
    /// is read again from its first row down as far as it was shown. `around` (not 0): a window around that message.
    void reloadMessages(bool keepRows = true, qint64 around = 0);
    /// Shows `above` messages of the branch ending at `top` and up to `below` under it toward `leaf`; the ids further
    /// down go to newerPath_. False (nothing changed) when `top` is not on that branch. Throws what the store throws.
    bool readWindow(qint64 top, int above, int below, qint64 leaf);
    void readRows(QList<store::Message>& rows);  // rows read: an unsaved reply's text shown, damage noted
    void showRows(QList<store::Message>& rows, bool olderLeft, bool newerLeft);  // into messages_, damage noted
    void noteDamage(const store::Message& m);  // a damaged row read: damagedMessages_, damageKinds_
    bool startTurn(const TurnRequest& request, std::function<QString()> statusText);
    /// A turn while a Local API request holds the worker (chat_controller_waiting.cpp): the rows it would commit as it
    /// began are committed now, from this thread — a Send's or an Edit's question and empty reply (beginTurn), a
    /// Regenerate's or Continue's empty version, "3 replies"' versions (beginReply) — and named in `request`
    /// (storedQuestionId, storedReplyId, storedVersionIds) for the turn. False (nothing written, the turn commits them
    /// itself) when the store refuses (another program's lock) or the turn would (its ChatError, said when it runs).
    bool commitWaitingTurn(TurnRequest& request);
    /// Draws the rows commitWaitingTurn committed, as the worker's replyStarted (and versionsStarted) would.
    void showWaitingTurn(const TurnRequest& request);
    /// Stop on such a turn before it began: ended as the turn stopped before its first word would end it — a Send's or
    /// an Edit's reply marked stopped, a Regenerate's or Continue's empty versions deleted — and over.
    void stopWaitingTurn();
    /// Stop, Close and the app's quit on a turn still waiting: ends it as stopWaitingTurn does; false when none waits
    /// (or it has begun: the worker stops it then).
    bool endWaitingTurn();
    void setWaitingForApi(bool waiting);
    std::optional<TurnRequest> waitingTurn_;       // that committed turn until it begins (onReplyStarted)
    std::function<QString()> waitingTurnStatus_;  // the turn's own status line, said once it begins
    bool waitingForApi_ = false;                  // waitingForApi(): from the turn's request until it begins or ends
    void setQueued(const QString& text);
    /// `summary`: the text without `detail` (empty: `text` itself). A fixed text: not made again by retranslate().
    void setError(const QString& text, const QString& summary = {}, const QString& detail = {});
    void showErrorTexts(const QString& text, const QString& summary, const QString& detail, bool notice = false);
    /// An error of the chat shown (a refused rename or delete, a failed reply): its banner closes when another
    /// conversation or a new chat opens (setCurrent), where setError's stay until dismissed (a model that did not load,
    /// a reply not saved yet, the start's notices). Before, "Stop the reply before deleting this conversation." stayed
    /// over the new chat (session 27's trial, F8).
    void setViewError(const QString& text, const QString& summary = {}, const QString& detail = {});
    /// The same, made again after a language switch (retranslate()).
    void setViewError(TextMaker make);
    bool errorOfView_ = false;  // errorText was set by setViewError
    /// errorText is a banner that the reply under way caused: a Send in B while A writes ("A reply is being written in
    /// “A”…"), Send or a model change while it writes, deleting the chat that writes (or a Send while the saved states'
    /// space is freed: it goes when that ends, setFreeingStates). It goes when the reply ends
    /// (onReplyFinished, a Stop too; onReplyFailed shows why it failed in its place). Before, each stayed until its
    /// chat was left, beside a Send that worked again and with nothing left to stop (session 36's list, 37's check).
    bool replyInTheWayBanner_ = false;
    /// Shows such a banner, in the notice style (errorIsNotice: nothing failed, the reply is in the way): of the chat
    /// shown (as setViewError) when `ofView`, else as showError does.
    void showReplyInTheWay(TextMaker make, bool ofView = true);
    TextMaker standingNotice_;  // setStandingNotice
    bool standingNoticeClosed_ = false;  // its banner closed by the user (dismissError)
    /// Closes the banner for a new turn or a model load (dismissError's saves too); then shows the standing notice.
    void closeErrorForNewAction();
    /// The standing notice's banner, where it has a sentence now, was not closed by the user and no banner is shown.
    void showStandingNotice();
    /// Closes the banner of replyInTheWayBanner_, when it is the one shown.
    void closeReplyInTheWayBanner();
    /// Whether the conversation is no longer in the store (another program deleted it while its reply was written).
    bool chatIsGone(qint64 conversationId) const;
    /// The status line, as `text` makes it: kept, so that retranslate() makes it again in the new language (it stayed
    /// English after a switch to 简体中文 until the next reply, session 20's trial, F8). `brief` makes replyStatusBrief.
    void setReplyStatus(std::function<QString()> text, std::function<QString()> brief = nullptr);
    /// setReplyStatus with a reply's numbers (describe), its speed left out of replyStatusBrief.
    void setReplyStatus(const TurnStats& stats);
    void updateComposerState(ComposerState before);
    void clearPrefill();  // no prompt being read: the bar hidden, the re-read count reset
    void setPrefill(qint64 done, qint64 total);  // the bar, its text and the status line; total 0 = none

    store::ConversationStore& store_;
    InferenceWorker& worker_;
    ConversationListModel conversations_;
    MessageModel messages_;
    ChatParams params_ = defaultGuiParams();
    int paceMs_ = 0;
    static ChatParams defaultGuiParams() {
        ChatParams p;
        p.newSeedPerTurn = true;
        return p;
    }
    ModelInfo model_;
    bool modelLoaded_ = false;
    bool loading_ = false;
    QString loadingPath_;
    QString pendingModelPath_;  // loadModelWhenIdle() while busy: loaded by loadPendingModel()
    bool optionsWaiting_ = false;  // loadOptionsWaiting
    void setOptionsWaiting(bool waiting);
    QString failedModelPath_;         // failedModelPath
    ErrorMaker failedLoadMaker_;      // failedModelReason: its banner's maker, made again after a language switch
    void setFailedLoad(const QString& path, ErrorMaker make);
    bool generating_ = false;
    bool freeingStates_ = false;  // setFreeingStates
    qint64 currentId_ = 0;
    qint64 currentLeafId_ = 0;  // the last message of the branch shown; 0 = the newest branch
    QList<qint64> newerPath_;   // a window's unread rest: the ids under its last row down to the leaf, top first
    QStringList damagedMessages_;  // the damaged rows of the branch shown ("message 7: its role is unreadable")
    QString damagedTitle_;         // the title of the chat shown, for damageNote
    int damageKinds_ = 0;          // store::MessageDamage flags of those rows, for damageNote's wording
    QString instructions_;          // currentInstructions
    QString startState_;            // currentStartState
    struct MadeFrom {
        qint64 conversationId = 0, messageId = 0;
        QString title;
        bool operator==(const MadeFrom&) const = default;
    } madeFrom_;                    // currentMadeFrom, openMadeFrom
    /// The chat `c` was made from, while it is not in the trash (its title as stored now); none otherwise.
    MadeFrom madeFromOf(const store::Conversation& c) const;
    void setMadeFrom(const MadeFrom& madeFrom);  // currentMadeFromChanged when it differs
    /// The open chat's "Made from" read again: its source renamed, moved to the trash, restored or deleted.
    void refreshMadeFrom();
    /// forkConversation's copy ended (on the GUI thread): the chat listed and forkMade, or the banner with `error`.
    void onForkDone(const ForkResult& made, std::exception_ptr error);
    qint64 forkingMessageId_ = 0;  // forkingMessageId
    QThreadPool forkPool_;         // forkConversation's copy, one at a time; waited for when this is destroyed
    QString newChatInstructions_;   // setNewChatInstructions
    // The new chat's own, set with setInstructions(0, …) before its first message: kept, as its draft is, when the user
    // goes to another chat and back or presses Ctrl+N, until that message creates the chat with them (then cleared: the
    // next new chat starts from Settings' again).
    std::optional<QString> newChatOwnInstructions_;
    // The new chat's starting state, set with setStartState(0, …) before its first message (path + sha256 as read then;
    // empty: zeros): kept like newChatOwnInstructions_ until that message creates the chat from it.
    QString newChatStartState_, newChatStartStateSha256_;
    // The new chat's preset when New chat from here at a first question gave it its chat's (forkConversation); '':
    // the app default, as every new chat. Kept like newChatOwnInstructions_.
    QString newChatPreset_;
    // The chat a send just made from the new chat, and what the new chat held: when its first turn is refused before
    // the question is stored (a starting state changed or gone, another program's lock), the empty row is taken back
    // and the new chat gets its instructions, starting state and preset again (session 48's trial: a chat with no
    // messages, "a damaged conversation database", was left).
    struct MadeBySend {
        qint64 id = 0;
        std::optional<QString> ownInstructions;
        QString startState, startStateSha256, preset;
    };
    std::optional<MadeBySend> madeBySend_;
    QString preset_;            // conversationPreset: the open conversation's, or the new chat's choice
    // The reply being generated (possibly in a conversation that is not shown).
    qint64 streamingConversationId_ = 0;
    qint64 streamingMessageId_ = 0;
    qint64 leafBeforeTurn_ = 0;  // currentLeafId_ when the turn started: shown again when a regenerate adds no version
    QString streamingText_;
    QList<qint64> versionIds_;             // several versions being written (regenerateSeveral), in order
    QHash<qint64, QString> versionTexts_;  // and the text of each so far (streamingText_: the one shown)
    QString unsavedText_;  // the text of a Send until its question is stored (replyStarted)
    // A reply whose final save failed (a full disk): its text, saved again when the error banner is dismissed, the
    // next turn starts, every kUnsavedRetryMs and at quit, so that it is kept once space is freed. Before (session 20's
    // trial, F2) the database kept an empty reply, shown later as "No reply: it ended before its first word"; and
    // (session 23's trial, T1) a user who freed space and restarted lost a reply shown whole. `finished`: the reply
    // was written whole or up to Stop (replyNotSaved), saved as such; else the text streamed before a failure.
    // `turn`: a reply written whole (replyNotSaved) is saved with its numbers (token count, speeds, first-token time),
    // so that its line under the reply reads the same once the conversation is opened again; else only the text.
    struct UnsavedReply {
        qint64 messageId = 0;
        QString text;
        bool finished = false;
        std::optional<TurnStats> turn;
        qint64 conversationId = 0;  // its chat: named by the banner and the status line when another one is on screen
    };
    UnsavedReply unsavedReply_;
    // The other versions of a "3 replies" (regenerateSeveral) whose final saves failed beside unsavedReply_'s (the one
    // shown, else the first): saved with it, by the same tries, and shown whole when ‹ › steps to them. Before
    // (session 51's loose ends) such versions kept only their checkpointed text, unfinished. Empty without
    // unsavedReply_.
    QList<UnsavedReply> unsavedVersions_;
    /// How many characters of `reply` the database keeps (its last checkpoint's text, a start of the text on screen), as
    /// read (perceivedCharacters); 0 when none or unknown.
    qsizetype keptOf(const UnsavedReply& reply) const;
    /// The reply not saved and its versions (unsavedReply_, unsavedVersions_) together: their characters on screen (as
    /// read: grapheme clusters),
    /// those of them the database keeps (keptOf) and how many versions they are. For the quit's last line and the quit
    /// dialog's question (quitQuestion), which say the same.
    struct UnsavedCount {
        qsizetype characters = 0, kept = 0, versions = 0;
    };
    UnsavedCount unsavedCount() const;
    static constexpr int kUnsavedRetryMs = 5000;
    UnsavedReply notSavedReply_;  // replyNotSaved's text, until the replyFailed that follows it
    QList<UnsavedReply> notSavedVersions_;  // likewise, of several versions (versionIds_), in the order they ended
    QTimer* unsavedRetry_ = nullptr;
    QString unsavedBanner_;  // the banner that says the reply on screen is not saved (cleared once it is)
    /// That banner's text, in the words of the reason the reply waits for (unsavedFor_: a full disk, a lock, a write
    /// error);
    /// saveUnsavedReply puts it in again when a try finds the other reason. It names the reply's chat when another
    /// chat is on screen ("The reply in “B” is not saved yet"); setCurrent makes it again when the chat on screen changes.
    QString unsavedBannerText() const;
    /// The banner: unsavedBannerText, and for a write error SQLite's words ("disk I/O error") as its details line.
    ErrorTexts unsavedBannerTexts() const;
    /// At start: the versions a kill left before their first word deleted
    /// (ConversationStore::discardRepliesNeverBegun).
    void discardVersionsNeverBegun();
    /// The reply's chat title, when it is not the chat on screen; else empty ("This reply", "the reply").
    QString unsavedReplyElsewhere() const;
    /// The versions not saved of a reply that has several, as ‹ k/N › numbers them ("2", "2, 3 and 4"), and N in
    /// `versions`; empty for a reply without other versions (or unread siblings): the banner says "This reply".
    QString unsavedVersionNumbers(int& versions, int& unsaved) const;
    /// Makes the banner shown again (a language switch, another chat on screen), of the view or not as it was.
    void remakeError();
    bool awaitsRoom_ = false;  // replyAwaitsRoom as last announced (replyAwaitsRoomChanged)
    /// What the last try of saveUnsavedReply met: no room (SQLITE_FULL), another program's lock (replyAwaitsLock), or
    /// a file that could not be written for another reason (replyAwaitsWrite: SQLITE_IOERR, SQLITE_READONLY). Told by
    /// the store's result code, never by its words: an I/O error read "the disk is full" (session 38's check, MED 3).
    enum class UnsavedFor { DiskFull, Lock, WriteError };
    UnsavedFor unsavedFor_ = UnsavedFor::DiskFull;
    QString unsavedWriteError_;  // SQLite's words for a WriteError ("disk I/O error"): the banner's details line
    /// Tries to save unsavedReply_; true when there is none left to save. A lock another program holds on the database
    /// (writing, or reading while a full disk's write-ahead log must be emptied) is waited for at most kSaveLockWaitMs,
    /// and the reply kept for the next try, so the window keeps answering (it froze for the store's 5 s busy timeout
    /// at every try, session 26); the last try at quit waits what is left of kQuitSaveLockWaitMs (`lockWaitMs`).
    bool saveUnsavedReply(int lockWaitMs = kSaveLockWaitMs);
    static constexpr int kSaveLockWaitMs = 50;
    /// The longest the final save of a reply stopped by Close (saveBeforeQuit) waits for another program's lock.
    static constexpr int kCloseSaveLockWaitMs = 500;
    /// The longest a quit nobody can answer waits for another program's lock, all its saves together.
    static constexpr int kQuitSaveLockWaitMs = 5000;
    /// At quit (the destructor): stops a reply still being written (its final save waiting at most `lockWaitMs` for
    /// another program's lock) and waits for its turn to end, its signals handled.
    void endReplyForQuit(int lockWaitMs);
    /// `row`, the stored copy of unsavedReply_ or of one of unsavedVersions_ (an empty unfinished row), made what the
    /// window showed (reloadMessages); any other row is left as it is.
    void showUnsaved(store::Message& row) const;
    QString pendingUserText_;
    QString replyStatus_;
    std::function<QString()> replyStatusText_;  // makes replyStatus_ (setReplyStatus)
    QString replyStatusBrief_;
    std::function<QString()> replyStatusBriefText_;  // makes replyStatusBrief_
    qint64 statusReplyId_ = 0;  // the reply whose numbers the status line gives; 0 when it gives none
    QString errorText_;
    QString errorSummary_;
    QString errorDetail_;
    bool errorIsNotice_ = false;
    ErrorMaker errorMaker_;  // makes the banner's texts again after a language switch (showError(ErrorMaker))
    QString queuedText_;  // send() while a model loads
    double prefillProgress_ = -1;
    qint64 prefillDone_ = 0, prefillTotal_ = 0;  // tokens of the prompt read, of total (0: not reading)
    qint64 rereadTokens_ = 0;  // the conversation's text read again before the new turn (0: none)
    qint64 rereadStartMs_ = 0;  // clockMs_ when the re-read began (onRereading)
    double rereadRate_ = 0;     // its tokens per second so far; 0 until it has read for kRateAfterMs
    qint64 promptStartMs_ = -1;    // clockMs_ when the new message's own reading began (-1: not yet known)
    qint64 promptStartDone_ = 0;   // prefillDone_ then
    double promptRate_ = 0;        // its tokens per second so far; 0 until it has read for kRateAfterMs
    static constexpr qint64 kRateAfterMs = 500;
    std::function<qint64()> clockMs_;  // setClock; empty: uptime_
    QElapsedTimer uptime_ = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    qint64 nowMs() const { return clockMs_ ? clockMs_() : uptime_.elapsed(); }
};

}  // namespace rwkv::app
