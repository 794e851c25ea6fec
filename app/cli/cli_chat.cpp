// cli_chat.cpp — `rwkv-cli chat`: runs one turn with ChatSession — a new message on the branch the app shows (the one
// viewed last there, else the newest: branch_to_continue.h), after a chosen
// message (--parent), a regenerated reply (--regenerate), an edited question (--edit) or the cut reply the app shows
// last continued (--continue) — and prints the reply
// (streamed) or, with --json, one JSON object {"conversation_id", "user_message_id", "assistant_message_id", "reply",
// "stats": {...}}. --regenerate MSG --replies N writes N versions at once (ChatSession::regenerateSeveral): the first
// streamed, the others after it, each under a "[version k of N …]" line on stderr; with --json one such object a line
// per version, with "version" and "versions". Errors: one line on stderr, exit status 1 (main.cpp). Ctrl+C or SIGTERM
// during the reply stops it, saved as printed — Ctrl+C as the app's Stop, SIGTERM as the app's closing (ended
// "closed"); exit status 130 / 143 (cli_stop_signal.h).
#include "cli_chat.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <QRandomGenerator>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "app_paths.h"
#include "app_settings.h"
#include "branch_to_continue.h"
#include "chat_session.h"
#include "cli_checks.h"
#include "cli_common.h"
#include "cli_conversations.h"
#include "cli_progress.h"
#include "cli_stop_signal.h"
#include "model_outputs_check.h"  // checkOutputsAreNumbers
#include "instructions_limit.h"
#include "invisible_format.h"  // holdsNothingToRead
#include "terminal_text.h"
#include "sampling_presets.h"
#include "start_state.h"
#include "rwkv/chat_format.h"
#include "rwkv/generator.h"
#include "store/conversation_store.h"
#include "store/store_error.h"

namespace rwkv::cli {
namespace {

const char* state_source_name(app::StateSource s) {
    switch (s) {
    case app::StateSource::Fresh: return "fresh";
    case app::StateSource::Memory: return "memory";
    case app::StateSource::SavedState: return "snapshot";
    case app::StateSource::Derived: return "derived";
    case app::StateSource::Reprefill: return "reprefill";
    }
    return "?";
}

/// Refuses `bytes` that are not UTF-8, as `what` ("--message: the argument"): a terminal in another encoding, a file of
/// another kind. --message's bytes were stored with U+FFFD where --message-file's same bytes were refused (session
/// 48's trial).
void require_utf8(const std::string& bytes, const std::string& what, const std::string& hint) {
    if (!is_utf8(bytes)) throw app::ChatError(what + " is not UTF-8 text (" + hint + ")");
}

/// The message of --message-file: the file's text ("-": standard input) as UTF-8, without the one line break an
/// editor or `echo` ends a file with. A command-line argument holds at most ~128 KiB (Linux's MAX_ARG_STRLEN), so a
/// long paste, which the app takes, could not be sent with --message ("Argument list too long").
std::string read_message_file(const std::string& path) {
    std::string bytes;
    const std::string shown = path == "-" ? "the standard input" : path;
    try {  // named by its option, as the file's other problems are (session 45's trial: "cannot open F" alone)
        bytes = path == "-" ? read_text_stream(std::cin, shown) : read_text_file(path);  // at most kMaxTextBytes
    } catch (const std::exception& e) {
        throw app::ChatError(std::string("--message-file: ") + e.what());
    }
    require_utf8(bytes, "--message-file: " + shown, "is it the right file?");
    if (bytes.ends_with("\r\n")) bytes.resize(bytes.size() - 2);
    else if (bytes.ends_with('\n')) bytes.pop_back();
    if (bytes.empty()) throw app::ChatError("--message-file: " + shown + " is empty");
    return bytes;
}

/// When the branch this turn read holds a state of this model saved on another backend or with another weight type (a
/// GPU chat, an imported bundle, a chat the app ran with Settings → Weights in memory: int8) that is later than the one
/// the turn went on from (`turn.derivedFromMessageId`, none when it re-read everything): "; --dtype int8 resumes it"
/// (a state of the message the turn answers), "; --dtype int8 resumes from a later message" (one before it),
/// "; --backend vulkan:N resumes it" (both options when both differ); empty when there is none. Session 38's check: the
/// newest int8 state damaged, an int8 turn went on from the one before it and said "--dtype fp16 resumes it" of an fp16
/// state older still (or of another branch's).
std::string otherStateHint(const store::ConversationStore& store, const app::TurnStats& turn, const Model& model) {
    const store::SnapshotTags here = app::snapshotTagsOf(model);
    QSet<qint64> read;  // the messages before this turn's question: the branch a state must be of to go on from
    if (turn.parentId > 0)
        for (const store::Message& m : store.branch(turn.parentId)) read.insert(m.id);
    const qint64 from = turn.source == app::StateSource::Derived ? turn.derivedFromMessageId : 0;
    std::optional<store::SnapshotInfo> newest;  // of this model, made elsewhere or with other weights: the nearest one
    for (const store::SnapshotInfo& s : store.snapshots(turn.conversationId))
        if (s.tags.fingerprint == here.fingerprint && s.tags != here &&
            (s.tags.weight_dtype == "fp16" || s.tags.weight_dtype == "int8") &&  // what --dtype loads
            read.contains(s.message_id) && s.message_id > from && (!newest || s.message_id > newest->message_id))
            newest = s;
    if (!newest) return {};
    const store::SnapshotTags& t = newest->tags;
    const std::string dtype = t.weight_dtype == here.weight_dtype ? "" : "--dtype " + t.weight_dtype.toStdString();
    const std::string resumes = newest->message_id == turn.parentId ? " resumes it" : " resumes from a later message";
    if (t.backend == here.backend) return "; " + dtype + resumes;
    const std::string both = dtype.empty() ? dtype : dtype + " ";
    if (t.backend == "cpu") return "; " + both + "--backend cpu" + resumes;
    const std::optional<DeviceInfo> d = first_usable_device(t.backend.toStdString());
    return d ? "; " + both + "--backend " + d->backend + " (" + d->name + ")" + resumes
             : "; it was saved on " + t.backend.toStdString() + ", which this machine cannot run";
}

/// The weight type of --dtype ("fp16", "int8"), or when it is not given the one chosen in RWKV Desktop's Settings →
/// Weights in memory (read from the app's settings file, as the default sampling preset is), so that a chat the app
/// ran on int8 resumes from its saved state here too. A type there that is not fp16 or int8 (hand-edited) loads fp16
/// with a line on stderr that says so (before session 37 it was silent).
DType chat_weight_dtype(const std::string& given) {
    if (!given.empty()) return given == "int8" ? DType::I8 : DType::F16;
    const app::AppSettings settings;
    if (const QString unknown = settings.unknownWeightType(); !unknown.isEmpty())
        std::cerr << "[the weight type \"" << terminal_line(unknown.toStdString()) << "\" in RWKV Desktop's settings ("
                  << terminal_line(settings.fileName().toStdString())
                  << ") is not fp16 or int8: the weights load as fp16; --dtype chooses]" << std::endl;
    return settings.weightType() == QLatin1String("int8") ? DType::I8 : DType::F16;
}

/// Refuses --system longer than the app keeps (app::kMaxInstructionsLength, in UTF-16 units as the app counts them),
/// before anything is loaded or written: the app's dialog and Settings refuse such instructions too.
CLI::Validator instructions_that_fit() {
    return CLI::Validator(
        [](std::string& s) -> std::string {
            const qsizetype n = QString::fromStdString(s).size();
            if (n <= app::kMaxInstructionsLength) return std::string();
            return "instructions hold at most " + std::to_string(app::kMaxInstructionsLength) + " characters, and these "
                   "have " + std::to_string(n) + "; nothing was written (a long text for the model to read goes in "
                   "--message-file)";
        },
        "");
}

/// --continue: the last reply of the branch the app opens `conversation` on (branch_to_continue.h), when it was cut
/// off and has text; else why not, as an error line (nothing written, the model not loaded).
store::Message replyToContinue(const store::ConversationStore& store, qint64 conversation, const std::string& db) {
    const qint64 leaf = app::leafToShow(store, conversation);
    const QList<store::Message> branch = leaf != 0 ? store.branch(leaf) : store.messages(conversation);
    const std::string where = "conversation " + std::to_string(conversation) + " of " + db;
    const auto refuse = [&](const std::string& why) {
        return app::ChatError("--continue: " + why + "; nothing was written");
    };
    if (branch.isEmpty() || branch.back().role != store::Role::Assistant)
        throw refuse("the last message of " + where + " is not a reply (--regenerate MSG writes one)");
    const store::Message& last = branch.back();
    const std::string id = "reply " + std::to_string(last.id) + " of " + where;
    if (last.text.trimmed().isEmpty()) throw refuse(id + " has no text (--regenerate " + std::to_string(last.id) +
                                                    " writes a new one)");
    if (last.finished && last.end == store::ReplyEnd::ByItself)
        throw refuse(id + " ended by itself; only a reply cut off (by the length limit, Stop, a close or a crash) "
                          "can be continued");
    return last;
}

}  // namespace

void add_chat_command(CLI::App& app) {
    struct Opts {
        std::string db, model, message, message_file, vocab, system, state_file, backend = "cpu", dtype;
        std::int64_t conversation = 0, parent = -1, regenerate = 0, edit = 0;
        int max_tokens = 256;
        int replies = 1;
        std::uint64_t seed = 0;
        float temperature = 0, top_p = 0;  // read only when given: the defaults are a preset's
        bool json = false, progress = false, continue_reply = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* cmd = app.add_subcommand("chat", "Send one message in a conversation database and print the reply");
    cmd->add_option("--db", o->db, "Conversation database (created if missing)")
        ->required()
        ->check(not_empty("the database path"))
        ->check(not_a_directory("conversations.sqlite"));
    cmd->add_option("--model", o->model, "Checkpoint file")->required()->check(not_empty("the model path"));
    auto* message = cmd->add_option("--message", o->message, "The user's message")->check(not_empty("the message"));
    auto* messageFile = cmd->add_option("--message-file", o->message_file,
                                        "Read the user's message from this file, UTF-8 ('-': standard input; one "
                                        "final line break dropped): a message longer than a command line takes "
                                        "(about 128 KiB)")
                            ->check(not_empty("the message file"))
                            ->check(not_a_directory())
                            ->excludes(message);
    cmd->add_option("--conversation", o->conversation, "Conversation id (default: start a new conversation)")
        ->check(whole_number_at_least(1));
    auto* parent = cmd->add_option("--parent", o->parent,
                                   "Send after this message (an assistant reply; 0 = a new first message) instead of "
                                   "after the newest one: starts a branch")
                       ->check(whole_number_at_least(0));
    auto* regen = cmd->add_option("--regenerate", o->regenerate,
                                  "Write a new reply to this message (a reply or its question), kept as a sibling")
                      ->check(whole_number_at_least(1))
                      ->excludes(message)
                      ->excludes(messageFile)
                      ->excludes(parent);
    cmd->add_option("--replies", o->replies,
                    "With --regenerate: write this many new versions at once (1 to " +
                        std::to_string(app::ChatSession::kMaxVersions) +
                        ", default 1), from the same point, each with its own seed (--seed S: S, S+1, …); the first "
                        "is streamed, the others printed after it")
        ->check(whole_number_in(1, app::ChatSession::kMaxVersions));
    auto* edit = cmd->add_option("--edit", o->edit, "Replace this question with --message (or --message-file) as a new branch (the old one stays)")
        ->check(whole_number_at_least(1))
        ->excludes(parent)
        ->excludes(regen);
    cmd->add_flag("--continue", o->continue_reply,
                  "Continue the last reply of the branch the app opens (--conversation), cut off by the length limit, "
                  "Stop, a close or a crash: a new version of it, its text followed by --max-tokens more (the cut one "
                  "stays)")
        ->excludes(message)
        ->excludes(messageFile)
        ->excludes(parent)
        ->excludes(regen)
        ->excludes(edit);
    auto* system = cmd->add_option("--system", o->system,
                                   "Instructions (the system prompt) of a new conversation; with --conversation, "
                                   "changes that conversation's (\"\" removes them): its saved states were made with "
                                   "the old ones and are dropped, so this turn reads its text again from the start; at "
                                   "most " + std::to_string(app::kMaxInstructionsLength) + " characters, as in the app")
                      ->check(instructions_that_fit());
    // Not eval's --state-in (our own raw state): a state-tuning file fits every model of its shape, and the
    // conversation records which (path + sha256), so that it starts from the same state whenever its text is re-read.
    auto* stateFile = cmd->add_option("--state-file", o->state_file,
                                      "Start a new conversation from an RWKV state-tuning file (.pth or .safetensors "
                                      "of blocks.{i}.att.time_state, RWKV-PEFT's state tuning; recorded with its "
                                      "sha256); with --conversation, changes that conversation's (\"\" removes it): "
                                      "its saved states are dropped, so this turn reads its text again from the new "
                                      "starting state");
    cmd->add_option("--max-tokens", o->max_tokens, "Longest reply in tokens (default 256)")->check(whole_number_in(1, 1 << 20));
    auto* seed = cmd->add_option("--seed", o->seed,
                                 "Random seed, 0 to 2^64-1 (default: a new random one for every reply, printed on "
                                 "stderr and in the JSON so that --seed repeats the reply)")
                     ->check(seed_number());
    auto* temperature =
        cmd->add_option("--temperature", o->temperature,
                        "Sampling temperature; 0 = greedy (default: the conversation's own preset, else the default "
                        "preset of RWKV Desktop's Settings; Chat: 1.0)")
        ->check(number_in(0, 100, "0 to 100"));
    auto* topP = cmd->add_option("--top-p", o->top_p,
                                 "Nucleus probability; 0 = greedy (default: the conversation's own preset, else the "
                                 "default preset of RWKV Desktop's Settings; Chat: 0.3)")
                     ->check(number_in(0, 1, "0 to 1"));
    cmd->add_option("--vocab", o->vocab, "World vocabulary (default: the bundled one)");
    // A state saved on a GPU (RWKV Desktop's Settings → Device) resumes only on that backend: without this option an
    // imported Vulkan chat was re-read from its text at every reply (session 33's trial).
    cmd->add_option("--backend", o->backend,
                    "Where the model runs: cpu (default), auto, cuda:N, vulkan:N; a saved state resumes only on the "
                    "backend it was made with (`rwkv-cli import` names it)")
        ->check(not_empty("the backend"));
    // A state resumes only with the weight type it was made with: a chat the app ran with Settings → Weights in memory
    // int8 re-read its whole text here, which always loaded fp16 (session 37).
    cmd->add_option("--dtype", o->dtype,
                    "Weights in memory: fp16 (exact) or int8 (about half the memory; replies differ slightly). "
                    "Default: RWKV Desktop's Settings → Weights in memory (fp16 without it); a saved state resumes "
                    "only with the weight type it was made with")
        ->check(CLI::IsMember({"fp16", "int8"}));
    cmd->add_flag("--json", o->json,
                  "Print one JSON object instead of the streamed reply (with --replies N: N objects, one a line, "
                  "each with its \"version\")");
    cmd->add_flag("--progress", o->progress,
                  "Say how far the reading of the prompt has come on stderr from the start, also when stderr is not "
                  "a terminal (a line every 2 s, then \"[read N prompt tokens in S s, R tok/s]\"); without it only a "
                  "terminal shows it, once the reading takes 2 s");
    cmd->callback([o, temperature, topP, seed, messageFile, system, stateFile] {
        if (messageFile->count() != 0) o->message = read_message_file(o->message_file);
        else require_utf8(o->message, "--message", "is the terminal set to UTF-8?");
        require_utf8(o->system, "--system", "is the terminal set to UTF-8?");
        // As the app's Instructions… field and message box (TypedText.qml, a long paste too): their bidi controls
        // left out, with a note (a U+202E was stored: session 52's trial; --message kept it until session 53).
        std::string leftOut;
        const bool messageGiven = messageFile->count() != 0 || !o->message.empty();  // before the cleaning below
        o->system = without_bidi_controls(o->system, "--system", "instructions", leftOut);
        if (!leftOut.empty()) std::cerr << leftOut << std::endl;
        o->message = without_bidi_controls(o->message, messageFile->count() != 0 ? "--message-file" : "--message",
                                           "messages", leftOut);
        if (!leftOut.empty()) std::cerr << leftOut << std::endl;
        const QString message = QString::fromStdString(o->message);
        if (o->replies > 1 && o->regenerate == 0)  // first: said alike with or without --message (session 51's trial2)
            throw app::ChatError("--replies " + std::to_string(o->replies) +
                                 " needs --regenerate MSG (several versions of a reply to a stored question)");
        // Refused before loading anything, by the window's rule (app::holdsNothingToRead): a message of only white
        // space or characters drawn as nothing (U+200B, U+2060, a BOM) was sent (session 50's trial).
        if (o->regenerate == 0 && !o->continue_reply &&
            (sanitize_chat_text(o->message).empty() || app::holdsNothingToRead(message)))
            throw app::ChatError(!messageGiven ? "--message (or --message-file) is required (or --regenerate MSG, "
                                                      "or --continue)"
                                                    : "the message is empty");
        if ((o->regenerate || o->edit || o->parent >= 0 || o->continue_reply) && o->conversation == 0)
            throw app::ChatError("--parent, --regenerate, --edit and --continue need --conversation");
        app::setApplicationIdentity();  // RWKV Desktop's settings file: --dtype's default, the sampling preset
        LoadOptions lo;
        lo.weight_dtype = chat_weight_dtype(o->dtype);  // as the app (InferenceWorker): fp16 or int8, never fp32
        lo.backend = o->backend;
        std::unique_ptr<Model> model;
        std::optional<store::Message> continued;  // --continue: the cut reply, found before the model is loaded
        std::error_code ec;
        // As the app's load (app::checkOutputsAreNumbers): weights that give NaN or infinity are refused here, named
        // like every other model error, before anything is written; the turn failed at its first token before,
        // leaving a new conversation of the question and an empty reply (session 51's trial).
        const auto loadModel = [&o, &lo] {
            std::unique_ptr<Model> loaded;
            try {
                loaded = Model::load(o->model, lo);
            } catch (const Error& e) {  // a weight too large: what this command's --dtype takes, not the engine's list
                throw with_fp16_int8_remedy(e, "chat");
            }
            try {
                app::checkOutputsAreNumbers(*loaded);
            } catch (const Error& e) {
                throw Error(e.code(), std::filesystem::path(o->model).filename().string() + ": " + e.what() +
                                          "; nothing was written");
            }
            return loaded;
        };
        if (!std::filesystem::exists(o->db, ec))  // a bad --model must not leave an empty database behind
            model = loadModel();
        const std::unique_ptr<store::ConversationStore> opened = open_store_for_writing(o->db);
        store::ConversationStore& store = *opened;
        if (o->conversation != 0) {  // checked before anything is printed or loaded
            const std::optional<store::Conversation> c = store.conversation(o->conversation);
            if (!c)
                throw app::ChatError("conversation " + std::to_string(o->conversation) + " does not exist in " + o->db +
                                     " (`rwkv-cli conversations list --db " + o->db + "` shows the ids)");
            if (c->deleted_at != 0)  // the store refuses the turn too, but only after the branch line was printed
                throw app::ChatError("conversation " + std::to_string(o->conversation) + " is in the trash of " + o->db +
                                     ": restore it (Trash, at the bottom of RWKV Desktop's sidebar) to continue it; "
                                     "nothing was written");
            // A message id of another conversation (or none) in the same form as every other error line, before the
            // model is loaded (ChatSession's own check says it as a sentence for the app's banner).
            // --edit names a question: a reply said "Message 2 is not a question in conversation 1." after the model
            // had loaded (session 23's trial, T8).
            // --parent names a reply: a question there was ChatSession's sentence, without the option or "nothing was
            // written" (session 48's trial).
            const auto checkMessage = [&](std::int64_t id, const char* option,
                                          std::optional<store::Role> role = std::nullopt) {
                const std::optional<store::Message> m = store.message(id);
                const bool here = m && m->conversation_id == o->conversation;
                const char* kind = role == store::Role::User ? " is not a question" : " is not a reply";
                if (!here || (role && m->role != *role))
                    throw app::ChatError(std::string(option) + " " + std::to_string(id) + ": message " +
                                         std::to_string(id) + (here ? kind : " is not") + " in conversation " +
                                         std::to_string(o->conversation) + " of " + o->db + "; nothing was written" +
                                         (here && role == store::Role::Assistant ? " (a new message follows a reply)" : ""));
            };
            if (o->parent > 0) checkMessage(o->parent, "--parent", store::Role::Assistant);
            if (o->regenerate) checkMessage(o->regenerate, "--regenerate");
            if (o->edit) checkMessage(o->edit, "--edit", store::Role::User);
            if (o->continue_reply) continued = replyToContinue(store, o->conversation, o->db);
        }
        if (!model) model = loadModel();  // an existing database: its ids were checked first (quick)
        // The starting state is read and checked against the model before anything is written.
        std::optional<app::StartStateFile> start;
        if (!o->state_file.empty()) {
            try {
                start = app::readStartStateFile(QString::fromStdString(o->state_file));
            } catch (const Error& e) {  // its words name the file
                throw with_raw_state_hint(e, o->state_file);  // a raw state (eval --state-out) given here
            }
            try {
                state_file_floats(start->file, model->shape());
            } catch (const Error& e) {
                throw with_raw_state_hint(
                    Error(e.code(), std::filesystem::path(o->state_file).filename().string() + ": " + e.what()),
                    o->state_file);
            }
        }
        const std::filesystem::path vocab = vocab_for_model(model->shape().vocab_size, o->vocab);
        auto tokenizer = tokenizer_for_vocab_size(model->shape().vocab_size, vocab);
        const qint64 conversation =
            o->conversation != 0
                ? o->conversation
                : store.createConversation(app::titleFromMessage(message), QString::fromStdString(o->system));

        // As the app: the default preset chosen in its Settings (read from the same file, as rwkv-desktop reads it)
        // samples a conversation without a preset of its own; --temperature and --top-p replace its values.
        const app::AppSettings appSettings;
        app::setCustomSampling(appSettings.customSampling());  // "custom": the values set in the app's Settings
        const QString defaultPreset = appSettings.samplingPreset();
        app::ChatParams params = app::chatParamsForPreset(defaultPreset);
        params.newSeedPerTurn = false;         // the seed and the conversation's preset are resolved below (and
        params.useConversationPreset = false;  // printed), not inside the session
        params.maxTokens = o->max_tokens;
        if (temperature->count() != 0) params.sampler.temperature = o->temperature;
        if (topP->count() != 0) params.sampler.top_p = o->top_p;
        const bool optionsGiven = temperature->count() != 0 || topP->count() != 0;
        // As the app: a new seed for every reply unless one is given (regenerating with seed 0 each time gave the
        // same reply again); printed so that --seed can repeat it.
        const bool randomSeed = seed->count() == 0;
        params.sampler.seed = randomSeed ? QRandomGenerator::global()->generate64() : o->seed;  // as ChatController
        // A conversation's own sampling preset (chosen beside Send in the app) samples its replies here too, unless
        // --temperature or --top-p is given.
        QString preset;
        if (o->conversation != 0 && !optionsGiven)
            if (const auto c = store.conversation(conversation); c && app::samplingPreset(c->sampling_preset)) {
                preset = c->sampling_preset;
                params.sampler = app::withSamplingPreset(params.sampler, preset);
            }
        // Said once the turn has started (an error before it stays one line).
        std::ostringstream samplingNote;
        if (!optionsGiven)
            samplingNote << "[sampling with "
                         << (preset.isEmpty()
                                 ? "the default preset of RWKV Desktop's Settings, " + defaultPreset.toStdString()
                                 : "this conversation's preset " + preset.toStdString())
                         << " (temperature " << params.sampler.temperature << ", top-p " << params.sampler.top_p
                         << "); --temperature or --top-p overrides it]";
        app::ChatSession session(store, *model, *tokenizer);
        session.setModelName(QString::fromStdString(std::filesystem::path(o->model).filename().string()));
        if (stateFile->count() != 0 &&
            store.setStartState(conversation, start ? start->path : QString(), start ? start->sha256 : QString())) {
            session.startStateChanged(conversation);
            if (o->conversation != 0)
                std::cerr << "[starting state of conversation " << conversation << " changed"
                          << (start ? " to " + app::startStateLabel(start->path, start->file).toStdString()
                                    : std::string(" to zeros"))
                          << ": its saved states were made from the old one and were dropped]" << std::endl;
        }
        if (start)
            std::cerr << "[starting from the state-tuning file "
                      << terminal_line(app::startStateLabel(start->path, start->file).toStdString()) << ", sha256 "
                      << start->sha256.left(12).toStdString() << "…]" << std::endl;
        // New instructions for an existing conversation: as the app's Instructions… (ChatController::setInstructions),
        // its saved states go with the old ones in one transaction, and this turn reads the text again with the new.
        if (o->conversation != 0 && system->count() != 0 &&
            store.setSystemPrompt(conversation, QString::fromStdString(o->system))) {
            session.instructionsChanged(conversation);
            std::cerr << "[instructions of conversation " << conversation
                      << " changed: its saved states were made with the old ones and were dropped]" << std::endl;
        }
        // Without --parent, a message continues the branch the app opens the conversation on (the one viewed last
        // there, else the newest), after the same message the app's Send would follow; stderr says which.
        qint64 parent = o->parent >= 0 ? o->parent : app::ChatSession::kNewestBranch;
        if (o->conversation != 0) say_damaged_messages(store, conversation);  // as export and conversations list
        if (o->conversation != 0 && o->parent < 0 && !o->regenerate && !o->edit && !continued) {
            const qint64 leaf = app::leafToShow(store, conversation);
            const QList<store::Message> newest = store.messages(conversation);
            const QList<store::Message> branch = leaf != 0 ? store.branch(leaf) : newest;
            parent = app::parentForNewMessage(branch.isEmpty() ? store::Message{} : branch.back());
            const qint64 newestId = newest.isEmpty() ? 0 : newest.back().id;
            if (parent != 0)
                std::cerr << "[continuing after message " << parent
                          << (leaf != 0 && leaf != newestId
                                  ? ", on the branch the app opens (the one viewed last there; the newest message is " +
                                        std::to_string(newestId) + ")"
                                  : ", on the newest branch")
                          << "; --parent MSG continues after another reply]" << std::endl;
        }
        const bool stream = !o->json;
        // How far the reading of the prompt has come, on stderr (cli_progress.h): a long --message-file read for
        // minutes without a word (session 23's trial, T8).
        PrefillProgress progress = PrefillProgress::forStderr(o->progress);
        app::TurnCallbacks callbacks;
        // The reply on a terminal: its control and bidi characters as escapes (terminal_text.h); --json keeps it exact.
        TerminalText shown;
        bool wrote = false;  // reply text on stdout, not yet ended by a line break
        // From the reply's first word, Ctrl+C stops it as the window's Stop and SIGTERM as the window's closing
        // (stored "closed", as the app stores a reply a SIGTERM cut: cli_stop_signal.h).
        StopOnSignal stopSignal;
        callbacks.cancel = stopSignal.cancel();
        callbacks.cancelIsClose = stopSignal.cancelIsClose();
        callbacks.onDelta = [stream, &progress, &shown, &wrote, &stopSignal](std::string_view d) {
            progress.finish();
            stopSignal.arm();
            if (!stream) return;
            wrote = wrote || !d.empty();
            std::cout << shown.feed(d) << std::flush;
        };
        callbacks.onPrefillProgress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
        // --replies N: a seed for each version, as the app draws one for each (or --seed S, S+1, …).
        std::vector<std::uint64_t> seeds;
        for (int i = 0; i < o->replies; ++i)
            seeds.push_back(randomSeed ? QRandomGenerator::global()->generate64() : o->seed + std::uint64_t(i));
        params.sampler.seed = seeds.front();
        const bool several = o->replies > 1;
        if (several)  // any version's first word (the first one's may come last, or never)
            callbacks.onVersionDelta = [&progress, &stopSignal](std::size_t, std::string_view) {
                progress.finish();
                stopSignal.arm();
            };
        qint64 begunUser = 0, begunReply = 0;  // the turn's rows, committed (for an error after them)
        const auto started = [&store, conversation, randomSeed, seed = params.sampler.seed, &progress,
                              note = samplingNote.str(), &continued, stream, &shown, &wrote,
                              several, &seeds, &begunUser, &begunReply](qint64 user, const std::vector<qint64>& replies) {
            begunUser = user;
            begunReply = replies.front();
            try {
                store.setViewedBranch(conversation, replies.front());  // as the app: it opens on the new reply's branch
            } catch (const std::exception&) {  // a view setting: never worth failing the turn
            }
            std::cerr << "[started: user message " << user << (several ? ", replies" : ", reply");  // committed
            for (std::size_t i = 0; i < replies.size(); ++i) std::cerr << (i ? ", " : " ") << replies[i];
            std::cerr << "]" << std::endl;
            if (!note.empty()) std::cerr << note << std::endl;
            if (randomSeed && !several)
                std::cerr << "[seed " << seed << "; --seed " << seed << " repeats this reply]" << std::endl;
            if (randomSeed && several) {  // said before the first word, so a run stopped with Ctrl+C still tells them
                std::cerr << "[seeds";
                for (std::size_t i = 0; i < seeds.size(); ++i) std::cerr << (i ? ", " : " ") << seeds[i];
                std::cerr << "; --regenerate MSG --seed S repeats the version of seed S]" << std::endl;
            }
            if (several) std::cerr << "[version 1 of " << replies.size() << ": reply " << replies.front() << "]" << std::endl;
            if (continued) {  // the new version is whole: its old part first, the new words after it
                std::cerr << "[continuing reply " << continued->id << " as a new version of it]" << std::endl;
                if (stream) std::cout << shown.feed(continued->text.toStdString()) << std::flush;
                wrote = stream;
            }
            progress.start();
        };
        if (several)
            callbacks.onVersionsStarted = started;
        else
            callbacks.onStarted = [&started](qint64 user, qint64 reply) { started(user, {reply}); };
        app::TurnStats stats;
        std::vector<app::TurnStats> versions;
        try {
            if (several) {
                versions = session.regenerateSeveral(conversation, o->regenerate, seeds, params, callbacks);
                stats = versions.front();
            } else {
                stats = o->regenerate ? session.regenerate(conversation, o->regenerate, params, callbacks)
                        : continued   ? session.continueReply(conversation, continued->id, params, callbacks)
                        : o->edit     ? session.edit(conversation, o->edit, message, params, callbacks)
                                      : session.send(conversation, parent, message, params, callbacks);
            }
        } catch (const store::StoreError& e) {
            if (wrote) std::cout << shown.finish() << std::endl;
            // The question was stored before the reply's save met a damaged file: the store's "Nothing was changed"
            // was untrue (session 54's freelist, as the window's banner): what was kept, and what the next open does.
            if (begunUser == 0 || (e.code() != SQLITE_CORRUPT && e.code() != SQLITE_NOTADB)) throw;
            std::cerr << "error: the reply could not be saved: the conversation database " << terminal_line(o->db)
                      << " is damaged (" << terminal_line(store::sqliteReason(e, "damaged").toStdString())
                      << "). Your message was saved (message " << begunUser << "), but of reply " << begunReply
                      << " only the start saved while it was written is kept, marked Unfinished"
                      << (wrote ? "; the whole reply is printed above" : "")
                      << ". When RWKV Desktop or `rwkv-cli chat` next opens it, the whole file is checked: what can "
                         "be mended is mended without losing anything, or else RWKV Desktop offers to recover the chats "
                         "that can still be read.\n";
            throw ExitStatus{1};
        } catch (...) {  // the error line starts on a line of its own, as generate's
            if (wrote) std::cout << shown.finish() << std::endl;
            throw;
        }
        progress.finish();  // a reply without text
        // The reply's line ends before any note on stderr: a reply without a final line break had the "[not resumed
        // …; --dtype int8 resumes it]" hint glued to its last word on a terminal.
        if (stream) std::cout << shown.finish() << std::endl;
        if (!several) versions = {stats};
        for (std::size_t i = 1; i < versions.size() && stream; ++i) {  // the versions after the streamed one
            std::cerr << "[version " << i + 1 << " of " << versions.size() << ": reply "
                      << versions[i].assistantMessageId << "]" << std::endl;
            TerminalText text;
            std::cout << text.feed(versions[i].reply.toStdString()) << text.finish() << std::endl;
        }
        // The versions saved without their state snapshot, named with --replies N (it said "the reply" of all of
        // them, whichever they were: session 52's trial).
        std::vector<std::size_t> stateless;
        for (std::size_t i = 0; i < versions.size(); ++i)
            if (versions[i].replySaved && !versions[i].replyDiscarded && !versions[i].stateSaved) stateless.push_back(i);
        if (!stateless.empty()) {
            const app::TurnStats& first = versions[stateless.front()];
            std::cerr << "[warning: "
                      << (first.stateDamaged ? "the conversation database is damaged where the state goes (" +
                                                   terminal_line(first.stateDetail.toStdString()) + ")"
                                             : std::string("the disk is full"))
                      << ": ";
            if (!several) {
                std::cerr << "the reply was saved, but not its state snapshot; the next turn re-reads the conversation "
                             "instead of resuming]" << std::endl;
            } else {
                for (std::size_t k = 0; k < stateless.size(); ++k)
                    std::cerr << (k == 0 ? "" : k + 1 == stateless.size() ? " and " : ", ") << "version "
                              << stateless[k] + 1 << " (reply " << versions[stateless[k]].assistantMessageId << ")";
                const bool one = stateless.size() == 1;
                std::cerr << (one ? " was saved, but not its state snapshot; a turn after it"
                                  : " were saved, but not their state snapshots; a turn after them")
                          << " re-reads the conversation instead of resuming]" << std::endl;
            }
        }
        if (stats.statesDropped > 0)
            std::cerr << "[warning: the disk is full: " << stats.statesDropped
                      << " saved state snapshot(s) of this and other conversations were dropped to make room for the "
                         "text; a conversation without one re-reads its text when continued]" << std::endl;
        // Why the history was re-read instead of resumed (an unreadable snapshot, none saved): the JSON's resume_note,
        // said on stderr too, with or without --json (as the disk-full warning above; session 31's trial: --json said
        // it only in the JSON).
        if (!stats.resumedFromState && !stats.resumeNote().isEmpty())
            std::cerr << "[not resumed from a saved state: " << stats.resumeNote().toStdString()
                      << (stats.resumeDetail.isEmpty() ? std::string()
                                                       : " (" + terminal_line(stats.resumeDetail.toStdString()) + ")")
                      << otherStateHint(store, stats, *model) << "]" << std::endl;
        if (!stats.unreadQuestionIds.empty()) {  // questions whose prefill was killed: read in this turn's prefill
            std::cerr << "[" << stats.unreadNote().toStdString() << ": message";
            if (stats.unreadQuestionIds.size() > 1) std::cerr << 's';
            for (std::size_t i = 0; i < stats.unreadQuestionIds.size(); ++i)
                std::cerr << (i ? ", " : " ") << stats.unreadQuestionIds[i];
            std::cerr << "]" << std::endl;
        }
        const store::SnapshotTags ran = app::snapshotTagsOf(*model);  // "cpu", "int8": as the resume note says them
        for (std::size_t i = 0; i < versions.size(); ++i) {
            const app::TurnStats& v = versions[i];
            const std::uint64_t seedOf = seeds[i];
            if (o->json) {
                nlohmann::json out = {
                    {"conversation_id", conversation},
                    {"backend", ran.backend.toStdString()},
                    {"weight_type", ran.weight_dtype.toStdString()},
                    {"user_message_id", v.userMessageId},
                    {"assistant_message_id", v.assistantMessageId},
                    {"parent_id", v.parentId},
                    {"reply", v.reply.toStdString()},
                    {"sampling",
                     {{"temperature", json_float(params.sampler.temperature)},
                      {"seed", seedOf},
                      {"top_p", json_float(params.sampler.top_p)}}},
                    {"stats",
                     {{"prefill_tokens", v.prefillTokens},
                      {"resumed_from_state", v.resumedFromState},
                      {"state_saved", v.stateSaved},
                      {"states_dropped", v.statesDropped},
                      {"decode_tokens", v.decodeTokens},
                      {"ms", v.totalMs},
                      {"prefill_ms", v.prefillMs},
                      {"decode_ms", v.decodeMs},
                      {"stop_reason", to_string(v.reason)},
                      {"state_source", state_source_name(v.source)},
                      {"ttft_ms", v.ttftMs},
                      {"resume_note", v.resumeNote().toStdString()},
                      {"resume_detail", v.resumeDetail.toStdString()},
                      {"resume_log", v.resumeLog.toStdString()},
                      {"unread_question_ids", v.unreadQuestionIds},
                      {"unread_note", v.unreadNote().toStdString()},
                      // Tokens the state after the reply has read since it began (null: it continued a state saved
                      // before counts were kept).
                      {"state_tokens", v.stateTokens > 0 ? nlohmann::json(v.stateTokens) : nlohmann::json()}}},
                };
                // The version continued: the new one's stored continued_from (its decode_tokens are the continuation's).
                if (continued) out["continued_from_id"] = continued->id;
                if (v.replyDiscarded) out["reply_discarded"] = true;
                // Which preset sampled the reply: the conversation's own, or (without one) the Settings' default;
                // neither key when --temperature or --top-p was given.
                if (!preset.isEmpty()) out["sampling"]["preset"] = preset.toStdString();
                else if (!optionsGiven) out["sampling"]["default_preset"] = defaultPreset.toStdString();
                if (several) {
                    out["version"] = i + 1;
                    out["versions"] = versions.size();
                }
                std::cout << out.dump() << "\n";
            } else {
                std::cerr << "[conversation " << conversation << ", reply " << v.assistantMessageId
                          << (several ? ", version " + std::to_string(i + 1) + " of " + std::to_string(versions.size()) +
                                            ", seed " + std::to_string(seedOf) + (v.replyDiscarded ? ", not kept (stopped "
                                            "before its first word)" : "")
                                      : std::string())
                          << " ("
                          << ran.backend.toStdString() << ", " << ran.weight_dtype.toStdString() << " weights), "
                          << v.prefillTokens << " prefill tokens"
                          << (v.resumedFromState ? " (resumed from saved state)" : "") << ", " << v.decodeTokens
                          << (continued ? " more tokens in " : " tokens in ")  // after the cut text, as the window says
                          << qRound64(v.totalMs) << " ms"
                          << (v.stateTokens > 0 ? "; the state has read " + std::to_string(v.stateTokens) + " tokens"
                                                    : std::string())
                          << "]\n";
            }
        }
        if (const int sig = stopSignal.signal()) {  // last, after the reply and its notes; then 128 + the signal
            const auto kept = std::count_if(versions.begin(), versions.end(), [](const app::TurnStats& v) {
                return v.replySaved && !v.replyDiscarded;
            });
            const bool cut =
                std::any_of(versions.begin(), versions.end(), [](const app::TurnStats& v) { return v.stopped; });
            const char* endName = sig == SIGINT ? "stopped" : "closed";  // the stored end: ReplyEnd Stopped / Closed
            std::cerr << "[" << endName << " (" << (sig == SIGINT ? "Ctrl+C" : "SIGTERM") << "): ";
            if (!cut)  // it came as the reply ended by itself
                std::cerr << (several ? "the versions had ended and are saved whole"
                                      : "the reply had ended and is saved whole");
            else if (several)
                std::cerr << "the " << kept << " version" << (kept == 1 ? "" : "s") << " so far saved as " << endName;
            else
                std::cerr << "the reply so far is saved; --conversation " << conversation
                          << " --continue goes on from it";
            std::cerr << "]" << std::endl;
            std::cout << std::flush;
            throw ExitStatus{128 + sig};
        }
    });
}

}  // namespace rwkv::cli
