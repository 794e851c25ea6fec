// tests/cli/cli_run.h — running rwkv-cli as a user would (QProcess) for test_cli and test_cli_conversations: as
// given (without RWKV Desktop Settings, or with given ones), as nobody (a read-only disk), on a full disk
// (RLIMIT_FSIZE), `chat --json` on the tiny model, and the tiny model made to give NaN logits.
#pragma once

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <limits>
#include <vector>

#include "engine/golden.h"

namespace cli_test {

using golden::testdata;

struct Run {
    int code = -1;
    QByteArray out, err;
};

/// This process's environment with XDG_CONFIG_HOME at `config` — by default one empty folder for the whole test, so
/// the RWKV Desktop Settings of whoever runs the tests (`chat` samples with their default preset) change no result.
inline QProcessEnvironment cliEnvironment(const QString& config = {}) {
    static const QTemporaryDir noSettings;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.isEmpty() ? noSettings.path() : config);
    return env;
}

/// `program` run in the folder `workingDir` (empty: this process's own).
inline Run run(const QString& program, const QStringList& args, const QProcessEnvironment& env = cliEnvironment(),
               const QString& workingDir = {}) {
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDir.isEmpty()) p.setWorkingDirectory(workingDir);
    p.start(program, args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

inline Run cli(const QStringList& args) { return run(RWKV_CLI_PATH, args); }

/// rwkv-cli started in the folder `dir` (relative paths in args are taken from there).
inline Run cliIn(const QString& dir, const QStringList& args) { return run(RWKV_CLI_PATH, args, cliEnvironment(), dir); }

/// rwkv-cli with RWKV Desktop's settings under `config` (XDG_CONFIG_HOME: config/rwkv-desktop/rwkv-desktop.conf).
inline Run cliWithSettings(const QString& config, const QStringList& args) {
    return run(RWKV_CLI_PATH, args, cliEnvironment(config));
}

/// rwkv-cli with its bundled resources in `resources` ($RWKV_DESKTOP_RESOURCES, as rwkv-desktop reads it).
inline Run cliWithResources(const QString& resources, const QStringList& args) {
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("RWKV_DESKTOP_RESOURCES"), resources);
    return run(RWKV_CLI_PATH, args, env);
}

/// rwkv-cli as a user who cannot write what is read-only: root writes anywhere, so as root it runs as nobody.
inline Run cliWithoutRoot(const QStringList& args) {
    if (geteuid() != 0) return cli(args);
    return run(QStringLiteral("setpriv"),
               QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", RWKV_CLI_PATH} + args);
}

/// rwkv-cli with files limited to 100 kB (RLIMIT_FSIZE; SIGXFSZ ignored so a write fails with EFBIG): a full disk.
inline Run cliOnAFullDisk(const QStringList& args) {
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    p.setChildProcessModifier([] {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit small{100000, 100000};
        ::setrlimit(RLIMIT_FSIZE, &small);
    });
    p.start(RWKV_CLI_PATH, args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

/// One "error: ..." line for a person: no SQL statement, no SQLite result code.
inline bool isPlainOneLineError(const QByteArray& err) {
    return err.startsWith("error: ") && err.count('\n') == 1 && !err.contains("SELECT") && !err.contains("INSERT") &&
           !err.contains("PRAGMA") && !err.contains(" in: ") && !err.contains("code ");
}

inline QString ids(const std::vector<int>& v) {
    QStringList s;
    for (int x : v) s << QString::number(x);
    return s.join(',');
}

inline QString vocab() { return QString::fromStdString(testdata("rwkv_vocab_v20230424.txt")); }

inline QString tinyModel() { return QString::fromStdString(testdata("tiny-rwkv7-834K.pth")); }

/// The tiny model's safetensors file written into `dir` as `name` with every value of its fp32 tensor `tensor`
/// (head.weight unless named) `value`; the file's path, or empty when the tiny model could not be read or the file not
/// written.
inline QString headModel(const QString& dir, const QString& name, float value, const char* tensor = "head.weight") {
    QFile in(QString::fromStdString(testdata("tiny-rwkv7-834K.safetensors")));
    if (!in.open(QIODevice::ReadOnly)) return {};
    QByteArray bytes = in.readAll();
    const quint64 headerBytes = qFromLittleEndian<quint64>(bytes.constData());
    const nlohmann::json header = nlohmann::json::parse(bytes.mid(8, qsizetype(headerBytes)).toStdString());
    const auto range = header[tensor]["data_offsets"];
    for (auto at = qsizetype(8 + headerBytes + range[0].get<quint64>());
         at + 4 <= qsizetype(8 + headerBytes + range[1].get<quint64>()); at += 4)
        std::memcpy(bytes.data() + at, &value, 4);  // little-endian, as the file
    const QString path = QDir(dir).filePath(name);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size()) return {};
    return path;
}

/// headModel "nan-head.safetensors" with every weight of its head NaN: refused at its load, naming the tensor
/// (rwkv::Error CorruptFile, the CPU backend's check of every weight).
inline QString nanHeadModel(const QString& dir) {
    return headModel(dir, QStringLiteral("nan-head.safetensors"), std::numeric_limits<float>::quiet_NaN());
}

/// headModel "overflow-head.safetensors" with every weight of its head the largest finite float (3.4e38): every
/// weight is a number, so the model loads in fp32, and its logits are not (±infinity, and NaN where they meet): the
/// first-logits check's and the sampler's InvalidLogits. In fp16 or bf16 the load refuses it (WeightOutOfRange:
/// beyond their range, the conversion would make it infinity).
inline QString overflowHeadModel(const QString& dir) {
    return headModel(dir, QStringLiteral("overflow-head.safetensors"), std::numeric_limits<float>::max());
}

/// headModel "overflow-outputs.safetensors" with every gain of its output norm (ln_out.weight, a vector: kept in
/// fp32 by every dtype) the largest finite float: the model loads in every dtype, and its logits are NaN (the
/// first-logits check's and the sampler's InvalidLogits).
inline QString overflowOutputsModel(const QString& dir) {
    return headModel(dir, QStringLiteral("overflow-outputs.safetensors"), std::numeric_limits<float>::max(),
                     "ln_out.weight");
}

/// `rwkv-cli chat ... --json` on the tiny model with seeded sampling; the parsed output (empty on failure).
inline nlohmann::json chat(const QString& db, QStringList args) {
    args = QStringList{"chat", "--db", db, "--model", tinyModel(), "--json", "--max-tokens", "12", "--seed", "5",
                       "--temperature", "1", "--top-p", "1"} + args;
    const Run r = cli(args);
    if (r.code != 0) {
        qWarning("%s", r.err.constData());
        return {};
    }
    return nlohmann::json::parse(r.out.toStdString());
}

}  // namespace cli_test
