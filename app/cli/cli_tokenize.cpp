// rwkv-cli tokenize / detokenize with the World vocabulary (RWKV-7 spec §6).
#include <CLI/CLI.hpp>

#include <iostream>
#include <utility>

#include "cli_common.h"
#include "cli_checks.h"
#include "commands.h"
#include "rwkv/error.h"
#include "rwkv/tokenizer.h"

namespace rwkv::cli {

namespace {
/// The first and the last id that has bytes (1 and 65529 in the World vocabulary).
std::pair<std::int32_t, std::int32_t> ids_with_text(const Tokenizer& tk) {
    std::int32_t first = 0, last = tk.vocab_size() - 1;
    while (first < last && tk.token_bytes(first).empty()) ++first;
    while (last > first && tk.token_bytes(last).empty()) --last;
    return {first, last};
}
}  // namespace

void add_tokenize_commands(CLI::App& app) {
    struct Opts {
        std::string vocab, text, file, tokens;
        bool has_text = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* tok = app.add_subcommand("tokenize", "Print the token ids of a text, comma-separated");
    tok->add_option("--vocab", o->vocab, "World vocabulary file (default: the bundled rwkv_vocab_v20230424.txt)");
    auto* text_opt = tok->add_option("--text", o->text, "Text to tokenize");
    auto* file_opt = tok->add_option("--file", o->file, "File whose bytes are tokenized")->check(not_a_directory());
    text_opt->excludes(file_opt);
    tok->callback([o, text_opt, file_opt] {
        if (text_opt->count() == 0 && file_opt->count() == 0) {
            throw Error(ErrorCode::InvalidArgument, "tokenize needs --text or --file");
        }
        auto tk = load_world_tokenizer(vocab_or_bundled(o->vocab));
        const std::string text = text_opt->count() ? o->text : read_text_file(o->file);
        std::cout << join_tokens(tk->encode(text)) << "\n";
    });

    CLI::App* detok = app.add_subcommand("detokenize", "Print the text of comma-separated token ids");
    detok->add_option("--vocab", o->vocab, "World vocabulary file (default: the bundled one)");
    detok->add_option("--tokens", o->tokens, "Comma-separated token ids")->required();
    detok->callback([o] {
        auto tk = load_world_tokenizer(vocab_or_bundled(o->vocab));
        // As eval: an empty list is a mistake, not an empty text (it printed an empty line and exited 0, session 23's
        // trial, T8).
        const std::vector<std::int32_t> ids = parse_token_list(o->tokens, tk->vocab_size());
        if (ids.empty())
            throw Error(ErrorCode::InvalidArgument, "--tokens is empty: give at least one token id, e.g. --tokens 1,2,3");
        // An id in range with no bytes (0, end-of-text; 65530 to 65535, rows of the model that no text maps to) printed
        // nothing and exited 0 (session 54's trial: --tokens=65530).
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (!tk->token_bytes(ids[i]).empty()) continue;
            const auto [first, last] = ids_with_text(*tk);
            throw Error(ErrorCode::InvalidToken,
                        "token id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                            (ids[i] == 0 ? " is end-of-text, which has no text" : " has no text in the vocabulary") +
                            ": the ids with text are " + std::to_string(first) + " to " + std::to_string(last));
        }
        // Token ids may end inside a character (or hold bytes that are none): such bytes are printed as U+FFFD, and
        // stderr says so (they were replaced silently, session 33's trial).
        const std::string bytes = tk->decode(ids);
        const std::string text = utf8_replace_invalid(bytes);
        if (text != bytes)
            std::cerr << "[the tokens' bytes are not all valid UTF-8: each invalid sequence is printed as U+FFFD (\xEF\xBF\xBD)]"
                      << std::endl;
        std::cout << text << "\n";
    });
}

}  // namespace rwkv::cli
