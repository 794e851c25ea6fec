// rwkv-cli: eval, tokenize, detokenize, generate, chat, export, import, bench, info, convert, serve. Interfaces are stable (used by outside checks):
// see README "Command line". Errors print one line on stderr and exit with status 1; the paths, names and stored text
// in it as terminal_line writes them (a control or bidi character as an escape, terminal_text.h).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <regex>

#include "cli_common.h"
#include "cli_stop_signal.h"  // ExitStatus
#include "commands.h"
#include "rwkv/error.h"
#include "terminal_text.h"
#ifdef RWKV_CLI_HAS_CHAT
#include "store/store_error.h"
#endif

int main(int argc, char** argv) {
    using rwkv::cli::terminal_line;
    CLI::App app{"rwkv-cli — RWKV-7 inference from the command line"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("rwkv-cli ") + RWKV_VERSION);
    rwkv::cli::add_eval_command(app);
    rwkv::cli::add_tokenize_commands(app);
    rwkv::cli::add_generate_command(app);
    rwkv::cli::add_bench_command(app);
    rwkv::cli::add_info_command(app);
    rwkv::cli::add_convert_command(app);
#ifdef RWKV_CLI_HAS_CHAT
    rwkv::cli::add_chat_command(app);
    rwkv::cli::add_conversation_commands(app);
#endif
#ifdef RWKV_CLI_HAS_SERVE
    rwkv::cli::add_serve_command(app);
#endif
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::Success& e) {  // --version
        return app.exit(e);
    } catch (const rwkv::cli::ExitStatus& e) {  // chat stopped by Ctrl+C or SIGTERM: its reply said and saved
        std::fflush(stdout);
        return e.code;
    } catch (const CLI::ParseError& e) {  // usage errors follow the same one-line rule as every other error
        // An option no command knows is named first: CLI11 checks required options before extras, so
        // `generate --modle m` would otherwise say "--model is required" and never mention the typo.
        std::string command;  // the subcommand given, for its own --help
        for (const CLI::App* a = &app; !a->get_subcommands().empty();) {  // e.g. " conversations list"
            a = a->get_subcommands().back();
            command += " " + a->get_name();
        }
        for (const std::string& arg : app.remaining(true)) {
            if (arg.size() > 1 && arg[0] == '-') {
                std::cerr << "error: unknown option '" << terminal_line(arg.substr(0, arg.find('=')))
                          << "' (see rwkv-cli" << command << " --help) [usage]\n";
                return 1;
            }
        }
        // A command that needs a subcommand (rwkv-cli, rwkv-cli conversations) names them; a word no command
        // knows is named instead of "A subcommand is required". One that works alone too (`conversations folders`
        // lists) says what else is wrong (its --db).
        const CLI::App* last = &app;
        while (!last->get_subcommands().empty()) last = last->get_subcommands().back();
        const std::vector<std::string> extra = app.remaining(true);
        if (last->get_subcommands().empty() && !last->get_subcommands({}).empty() &&
            (!extra.empty() || last->get_require_subcommand_min() > 0)) {
            std::string names;
            for (const CLI::App* sub : last->get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
            if (!extra.empty())
                std::cerr << "error: unknown command '" << terminal_line(extra.front()) << "' (see rwkv-cli" << command
                          << " --help) [usage]\n";
            else
                std::cerr << "error: rwkv-cli" << command << " needs a command: " << names << " (see rwkv-cli"
                          << command << " --help) [usage]\n";
            return 1;
        }
        // An option given twice (`--prompt a --prompt b`): CLI11 says "--prompt: At Most 1 required but received 2".
        static const std::regex repeated(R"(^(\S+): At Most 1 required but received (\d+)$)");
        const std::string what = e.what();
        if (std::smatch m; std::regex_match(what, m, repeated)) {
            std::cerr << "error: " << terminal_line(m[1].str()) << " is given " << m[2]
                      << " times: give it once (see rwkv-cli" << command << " --help) [usage]\n";
            return 1;
        }
        std::cerr << "error: " << terminal_line(e.what()) << " (see rwkv-cli" << command << " --help) [usage]\n";
        return 1;
#ifdef RWKV_CLI_HAS_CHAT
    } catch (const rwkv::store::StoreError& e) {  // the database's state in words for people, no SQL
        std::cerr << "error: " << terminal_line(e.userMessage()) << "\n";
        return 1;
#endif
    } catch (const rwkv::Error& e) {
        std::cerr << "error: " << terminal_line(e.what()) << rwkv::cli::what_to_do(e) << " [" << rwkv::to_string(e.code())
                  << "]\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << terminal_line(e.what()) << "\n";
        return 1;
    }
    std::fflush(stdout);
    return 0;
}
