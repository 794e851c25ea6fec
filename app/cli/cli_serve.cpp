// rwkv-cli serve --model M: the app's local OpenAI-compatible API (app/core/api_server.h, docs/api.md) without a
// window — for a script, an editor plug-in or a machine with no desktop. The same server as Settings → Local API server:
// 127.0.0.1 only, GET /v1/models, POST /v1/chat/completions, /v1/completions and /v1/responses (whole or streamed), one
// reply at a time, the states of the last replies kept so that a client resending its history (or its prompt, longer)
// or continuing a response (previous_response_id) reads only the new part. The model loads first; then one
// line on stdout says where it serves. Ctrl+C (SIGINT) or SIGTERM stops it: running replies end, exit status 0 (during
// the load: at once, also 0).
#include <CLI/CLI.hpp>

#include <QCoreApplication>
#include <QSocketNotifier>

#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "api_server.h"
#include "cli_checks.h"
#include "cli_common.h"
#include "cli_serve.h"
#include "inference_worker.h"
#include "rwkv/error.h"
#include "store/conversation_store.h"
#include "terminal_text.h"

namespace rwkv::cli {
namespace {

int g_signal_fds[2] = {-1, -1};  // a signal handler may only write(): the event loop reads the other end

void on_stop_signal(int) {
    const char b = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signal_fds[0], &b, 1);
}

}  // namespace

void add_serve_command(CLI::App& app) {
    struct Opts {
        std::string model, backend = "cpu", dtype = "fp16";
        int port = 8765, threads = 0;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* cmd = app.add_subcommand(
        "serve", "Serve a model through the OpenAI-compatible API on 127.0.0.1 (as the app's Local API server)");
    cmd->add_option("--model", o->model, "Checkpoint to serve")->required()->check(not_empty("the model path"));
    // The window's rule (ApiServer::kLowestPort), said before the model loads: as root, --port 80 served. One range
    // for every refusal: --port 70000 said "from 0 to 65535" (whole_number_in's words) where --port 80 said "from
    // 1024 to 65535" (session 54).
    const std::string range = "choose a port from " + std::to_string(app::ApiServer::kLowestPort) +
                              " to 65535, or 0 for any free one";
    const CLI::Validator wholeNumber = whole_number_in(0, 65535);
    const CLI::Validator port(
        [wholeNumber, range](std::string& s) -> std::string {
            if (!wholeNumber(s).empty()) return "'" + s + "' is not a port number: " + range;
            const QString reserved = app::ApiServer::reservedPortProblem(std::stoi(s));  // "…: choose a port from …"
            return reserved.isEmpty() ? std::string() : reserved.toStdString() + ", or 0 for any free one";
        },
        "");
    cmd->add_option("--port", o->port,
                    "TCP port on 127.0.0.1, from " + std::to_string(app::ApiServer::kLowestPort) +
                        " to 65535 (0: any free one)")
        ->capture_default_str()
        ->check(port);
    cmd->add_option("--backend", o->backend, "cpu, auto, cuda:N or vulkan:N")->capture_default_str();
    cmd->add_option("--dtype", o->dtype, "Weights in memory: fp16 or int8")->capture_default_str();
    // bench's rule: up to 1024 were taken on any machine, and --threads 1024 on 2 cores did not serve within 5 s.
    cmd->add_option("--threads", o->threads, "CPU threads (0: automatic), at most 16 per core")->check(cpu_threads());
    cmd->callback([o] {
        if (o->dtype != "fp16" && o->dtype != "int8")
            throw Error(ErrorCode::InvalidArgument, "unknown --dtype '" + o->dtype + "' (fp16, int8)");
        int argc = 1;
        char name[] = "rwkv-cli";
        char* argv[] = {name, nullptr};
        QCoreApplication qapp(argc, argv);
        store::ConversationStore store(QStringLiteral(":memory:"));  // the API keeps no conversations
        const std::filesystem::path vocab = find_bundled_vocab();
        app::InferenceWorker worker(store, vocab.empty() ? QString() : QString::fromStdString(vocab.parent_path().string()));
        worker.setLoadOptions(QString::fromStdString(o->backend), o->threads, QString::fromStdString(o->dtype));
        // A device named that cannot load the model (--backend vulkan:3 where there is none) is an error, in
        // generate's words and exit status: it served on the CPU with a note on stderr (session 55's trial2). "auto"
        // asked for whatever works, so there the CPU still serves, with the note.
        worker.setCpuFallback(o->backend == "auto");
        app::ApiServer api(worker, QStringLiteral("rwkv-cli serve"));  // named so in a 503 "server_stopped"
        std::optional<Error> failed;  // thrown after the event loop, so that main words it as every command's error
        QObject::connect(&worker, &app::InferenceWorker::modelLoaded, &qapp, [&](const app::ModelInfo& info) {
            if (!api.start(quint16(o->port))) {
                failed = Error(ErrorCode::Io, "cannot serve on 127.0.0.1:" + std::to_string(o->port) + ": " +
                                                  api.errorString().toStdString() +
                                                  (api.failure() == QLatin1String("portInUse")
                                                       ? " (another program uses it: choose another with --port, or "
                                                         "--port 0 for any free one)"
                                                       : ""));
                qapp.exit(1);
                return;
            }
            std::cout << "serving " << terminal_line(info.name.toStdString()) << " (" << info.device.toStdString()
                      << ") at http://127.0.0.1:" << api.port()
                      << "/v1 — Ctrl+C stops" << std::endl;
            if (!info.fallbackFrom.isEmpty())
                std::cerr << "[" << info.fallbackFrom.toStdString() << " could not load it: "
                          << terminal_line(info.fallbackDetail.toStdString()) << "; the CPU serves it]" << std::endl;
        });
        QObject::connect(&worker, &app::InferenceWorker::modelLoadFailed, &qapp,
                         [&](const QString&, int code, const QString& error) {
                             failed = with_fp16_int8_remedy(
                                 Error(code >= 0 ? ErrorCode(code) : ErrorCode::Internal, error.toStdString()), "serve");
                             qapp.exit(1);
                         });
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signal_fds) != 0)
            throw Error(ErrorCode::Io, "cannot set up the stop signal's socket");
        QSocketNotifier stopNotifier(g_signal_fds[1], QSocketNotifier::Read);
        QObject::connect(&stopNotifier, &QSocketNotifier::activated, &qapp, [&] {
            char b;
            [[maybe_unused]] const ssize_t n = ::read(g_signal_fds[1], &b, 1);
            if (!api.isListening() && !failed) {
                // Stopped while the model loads: nothing is served or kept yet, and Model::load cannot be cut short,
                // so the process ends now. It waited for the load before (session 57's trial2: Ctrl+C seemed ignored
                // for the 15 s a 1.5B model took to load on a 2-core box); the worker's thread still reads the file.
                std::cerr << "[stopped while the model was loading: nothing was served]" << std::endl;
                std::fflush(stdout);
                std::_Exit(0);
            }
            api.stop();  // running replies end within a token
            qapp.exit(0);
        });
        struct sigaction sa {};
        sa.sa_handler = on_stop_signal;
        ::sigemptyset(&sa.sa_mask);
        ::sigaction(SIGINT, &sa, nullptr);
        ::sigaction(SIGTERM, &sa, nullptr);
        QMetaObject::invokeMethod(&worker, "loadModel", Qt::QueuedConnection,
                                  Q_ARG(QString, QString::fromStdString(o->model)));
        qapp.exec();
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        ::close(g_signal_fds[0]);
        ::close(g_signal_fds[1]);
        if (failed) throw *failed;
    });
}

}  // namespace rwkv::cli
