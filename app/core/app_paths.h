// app_paths.h — where the app keeps its data (conversations.sqlite) and finds its bundled resources
// (World vocabulary, demo model). Build tree: <build>/resources/; installed: <prefix>/share/rwkv-desktop/.
#pragma once

#include <QString>
#include <QStringList>

namespace rwkv::app {

/// Sets QCoreApplication's application and organization names to "rwkv-desktop", which decide where QSettings
/// (AppSettings: the Settings page, ~/.config/rwkv-desktop/rwkv-desktop.conf on Linux) and QStandardPaths (the data
/// folder) look. rwkv-desktop and rwkv-cli both call it first, so the CLI reads the app's Settings from the same file.
void setApplicationIdentity();

/// The data folder: `override` (from --data-dir) if non-empty, else $RWKV_DESKTOP_DATA_DIR, else
/// QStandardPaths::AppDataLocation. The folder is created if missing; returns an empty string if it cannot be,
/// and then sets `*problem` (when given) to why, in words for people naming the path (e.g. "“/a/b” is a file, not
/// a folder.").
/// `made`, when given, is set to the topmost folder this call made (the data folder itself, or a missing folder above
/// it), else emptied: what removeMadeDataFolder takes away when the start stops before it could use the folder.
QString resolveDataDir(const QString& override = {}, QString* problem = nullptr, QString* made = nullptr);

/// Takes away what a start that stopped at once left in the data folder `dataDir` it made (resolveDataDir's `made`,
/// `dataDir` itself or a folder above it): an empty conversations.sqlite (a full disk let SQLite make no more) with its
/// -journal, -wal and -shm, then each folder from `dataDir` up to `made` that is empty. Anything else found keeps
/// its folder (and those above it). Called where the start said "Nothing was changed" (a full disk at the database's
/// set-up: session 56's loose ends left the new, empty folder behind). True when `made` is gone.
bool removeMadeDataFolder(const QString& dataDir, const QString& made);

/// Why the folder chosen in Settings, `dir`, is not made: it is missing and so is the folder above it (a drive not
/// connected, its empty mount point left; making it would put an empty history on the system disk). A sentence naming
/// `dir` and the topmost missing folder, translated; empty when `dir` exists or only `dir` itself is missing (made
/// when used). main.cpp checks it before resolveDataDir for a chosen folder only; --data-dir and the standard folder
/// are made with their parents.
QString missingParentsProblem(const QString& dir);

/// The conversation database inside a data folder.
QString databasePath(const QString& dataDir);

/// Why no conversation database can be opened or made in the existing folder `dataDir`, or empty:
/// store::databaseFileProblem of its conversations.sqlite (a folder, a link to nothing, none yet in a folder that
/// cannot be written), translated. A folder that cannot be written but holds a database is usable: the library opens
/// read-only. main.cpp offers the standard folder instead of a folder chosen in Settings for these.
QString databaseFolderProblem(const QString& dataDir);

/// Why the data folder `dir` cannot be used, worded to follow the folder's own path in a sentence that names it once
/// ("The folder chosen in Settings, DIR, is a file, not a folder. Move or rename that file."): `reason` names no path
/// that DIR already holds (a part of it by its name), `advice` is what fixes that case. Both translated (context
/// "main"); empty when the file system shows nothing wrong. The cases: DIR is a file; a part of its path is a file;
/// a folder on its path cannot be entered (named by its full path: DIR may exist behind it); DIR is missing and its
/// folder cannot be written, or that folder is missing too (a drive not connected; the missing one named by its full
/// path, whether or not it could be made: missingParentsProblem); DIR exists and cannot be entered; DIR exists without a database and cannot be written (no permission, or a
/// disk mounted read-only); its conversations.sqlite is a folder, or a link to nothing. main.cpp's window for "neither folder can be used".
struct DataFolderProblem {
    QString reason;  ///< e.g. "is a file, not a folder"; no final full stop
    QString advice;  ///< e.g. "Move or rename that file."
};
DataFolderProblem dataFolderProblem(const QString& dir);

/// The folder with the bundled resources, searched from the executable's folder: $RWKV_DESKTOP_RESOURCES,
/// <exe>/../share/rwkv-desktop, then <exe>/resources, <exe>/../resources, <exe>/../../resources (build tree).
/// Empty when none holds the World vocabulary.
QString findResourceDir(const QString& executableDir);
/// The folders findResourceDir looks in, in that order (as given: relative to the executable's folder).
QStringList resourceDirCandidates(const QString& executableDir);
/// What rwkv-desktop says at start when findResourceDir finds nothing (a binary copied away from its resources, a
/// broken install): what is missing — the World vocabulary (named), models.json, the demo model — that no model can
/// be loaded, every folder it looked in (absolute, cleaned), and what to do. Translated (context "main").
QString missingResourcesText(const QString& executableDir);

/// Where the demo model is looked for: in findResourceDir's folder; when there is none (a binary copied away from
/// its resources folder), in $RWKV_DESKTOP_RESOURCES when set, else <exe>/resources — the file a message can name
/// as missing instead of "" (new-user trial, session 16).
QString expectedDemoModelPath(const QString& executableDir);

/// File names inside the resource folder.
inline constexpr const char* kVocabFileName = "rwkv_vocab_v20230424.txt";
inline constexpr const char* kDemoModelFileName = "tiny-rwkv7-834K.pth";

/// The lock file inside a data folder (QLockFile): held by rwkv-desktop while it runs and by rwkv-cli's commands that
/// write the conversation database (chat, import, conversations upgrade) while they run, so only one writes at a time.
inline constexpr const char* kDataFolderLockFileName = "rwkv-desktop.lock";

}  // namespace rwkv::app
