// models/download_task.cpp — one download: request chain, .part file, retries, source fallback,
// verification and the final rename (see download_task.h). Tests: tests/app/test_download.cpp. The .part's lock
// (another window or computer downloading the same file) and whether a .part is this download's:
// download_task_part_lock.cpp.
#include "download_task.h"

#include "disk_space.h"
#include "network_problem.h"
#include "one_line.h"  // isolatedPath: every path in a download's sentence
#include "sha256_job.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace rwkv::models {
namespace {

constexpr qint64 kSpeedWindowMs = 3000;
constexpr qint64 kPersistEveryMs = 1000;

QJsonObject parseObject(const QString& json) { return QJsonDocument::fromJson(json.toUtf8()).object(); }

bool sameOrigin(const QUrl& a, const QUrl& b) {
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

bool isRedirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// "bytes 100-199/1000" -> (100, 1000); total -1 for "*". Returns false when unreadable.
bool parseContentRange(const QByteArray& value, qint64* start, qint64* total) {
    static const QRegularExpression re(QStringLiteral(R"(^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$)"));
    const auto m = re.match(QString::fromLatin1(value));
    if (!m.hasMatch())
        return false;
    *start = m.captured(1).toLongLong();
    *total = m.captured(3) == QLatin1String("*") ? -1 : m.captured(3).toLongLong();
    return true;
}

// X-Linked-Etag carries the quoted sha256 of an LFS file; anything else (a git sha1) is ignored.
QString sha256FromEtag(QByteArray etag) {
    etag = etag.trimmed();
    if (etag.startsWith("W/"))
        etag = etag.mid(2);
    etag.replace('"', "");
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-fA-F]{64}$"));
    return hex64.match(QString::fromLatin1(etag)).hasMatch() ? QString::fromLatin1(etag).toLower() : QString();
}

}  // namespace

DownloadTask::DownloadTask(store::DownloadRecord record, QNetworkAccessManager& nam, store::DownloadStore& store,
                           const DownloadOptions& options, QObject* parent)
    : QObject(parent),
      record_(std::move(record)),
      partFile_(QDir(record_.target_dir).filePath(record_.file_name) + QStringLiteral(".part")),
      nam_(nam),
      store_(store),
      options_(options) {
    lockTimer_.setSingleShot(true);
    connect(&lockTimer_, &QTimer::timeout, this, &DownloadTask::start);
    retryTimer_.setSingleShot(true);
    connect(&retryTimer_, &QTimer::timeout, this, [this] {
        redirects_ = 0;
        attemptStartSize_ = partSize_;
        sendRequest(firstUrl_);
    });
    stallTimer_.setSingleShot(true);
    connect(&stallTimer_, &QTimer::timeout, this, &DownloadTask::onStalled);
    quietTimer_.setInterval(1000);
    connect(&quietTimer_, &QTimer::timeout, this, &DownloadTask::onQuietTick);
    progressTimer_.setSingleShot(true);
    connect(&progressTimer_, &QTimer::timeout, this, [this] { emitProgress(true); });
    clock_.start();
}

DownloadTask::~DownloadTask() { stopTransfer(); }

Wording DownloadTask::said(const char* source, std::vector<Wording> args) {
    return Wording(staticMetaObject.className(), source, std::move(args));
}

QString DownloadTask::finalPath() const { return QDir(record_.target_dir).filePath(record_.file_name); }
QString DownloadTask::partPath() const { return finalPath() + QStringLiteral(".part"); }

void DownloadTask::start() {
    stopTransfer();
    retryTimer_.stop();
    lockTimer_.stop();
    hash_.reset();
    if (const Wording problem = folderProblem(record_.target_dir); !problem.isEmpty())
        return fail(problem, false);
    if (QFileInfo::exists(finalPath()))
        return waitingForOther_ ? adoptFinishedFile()
                                : fail(said(QT_TR_NOOP("%1 is already in the models folder."), {record_.file_name}),
                                       false);
    // Session 28's trial (F5): two windows (two data folders, one models folder) appended to one .part, which grew to
    // twice the model's size; both then deleted it. One download holds a .part at a time.
    Wording takeOverNote;
    if (LockHolder holder; !partFile_.lock(&holder)) {
        if (holder.kind == LockHolder::Kind::Unusable)
            return failOnLock(holder.problem);
        if (holder.kind == LockHolder::Kind::ThisComputer)
            return waitForOtherWindow(holder.pid);
        if (!otherComputerGaveUp(holder))
            return waitForOtherComputer(holder);
        const bool partThere = QFileInfo::exists(partPath());
        const qint64 unchangedS = (clock_.elapsed() - foreignSinceMs_ + 500) / 1000;
        if (!partFile_.takeOver(holder))
            return waitForOtherComputer(holder);  // it changed hands meanwhile: asked again
        const QString lock = isolatedPath(partFile_.lockPath());
        const QString pid = QString::number(holder.pid);
        takeOverNote = partThere ? said(QT_TR_NOOP("Took over the lock %1 of %2 (process %3): its .part did not change "
                                                   "for %4 s."),
                                        {lock, holder.shownHost(), pid, QString::number(unchangedS)})
                                 : said(QT_TR_NOOP("Took over the lock %1 of %2 (process %3): no download was writing "
                                                   "beside it."),
                                        {lock, holder.shownHost(), pid});
    }
    waitingForOther_ = false;
    foreignSinceMs_ = -1;

    const QJsonObject urls = parseObject(record_.urls_json);
    const auto chosen = sourceFromKey(record_.source).value_or(Source::Auto);
    sources_.clear();
    hostsAsked_.clear();
    anyServerAnswered_ = false;
    for (Source s : kAutoOrder)
        if ((chosen == Source::Auto || chosen == s) && urls.contains(sourceKey(s)))
            sources_.append(s);
    // Resume on the source that was in use.
    for (qsizetype i = 0; i < sources_.size(); ++i)
        if (urls.value(sourceKey(sources_[i])).toString() == record_.current_url)
            sources_ = sources_.mid(i) + sources_.mid(0, i);
    if (sources_.isEmpty())
        return fail(said(QT_TR_NOOP("No download address for %1 from %2."), {record_.file_name, record_.source}), false);
    firstUrl_ = QUrl(urls.value(sourceKey(sources_.first())).toString());
    record_.current_url = firstUrl_.toString();

    if (!openPart(false))
        return;
    // Session 28's trial (F8): a .part another program left (or one of another file) was resumed blindly; its bad
    // bytes showed only as a checksum mismatch after the whole rest had come.
    startNote_ = takeOverNote;
    startNoteIsInformation_ = !takeOverNote.isEmpty();  // a normal start (session 29's check, L4: it was red)
    if (partSize_ > 0 && !ownsPart()) {
        startNote_ = startNote_.then(said(QT_TR_NOOP("Starting over: %1 in the models folder was not written by this "
                                                     "download (another program's or another file's), so the file is "
                                                     "downloaded from the start."),
                                          {QFileInfo(partPath()).fileName()}));
        if (!openPart(true))
            return;
    }
    if (const std::optional<PartRecord> kept = partFile_.record(); kept && partSize_ > 0 && record_.validator.isEmpty())
        record_.validator = kept->validator;  // the window that wrote it knew the server's ETag
    resumedFrom_ = partSize_;
    if (record_.expected_size >= 0 && partSize_ > record_.expected_size && !openPart(true))
        return;  // never keep more bytes than the file has
    if (record_.expected_size >= 0 && partSize_ == record_.expected_size)
        return verify();
    if (const Wording why = roomProblem(); !why.isEmpty()) return pause(why);

    attempts_ = 0;
    linkedMetaTaken_ = false;
    setState(DownloadState::Downloading);
    persist();
    redirects_ = 0;
    attemptStartSize_ = partSize_;
    sendRequest(firstUrl_);
}

void DownloadTask::pause(const Wording& message) {
    if (state_ == DownloadState::Completed || state_ == DownloadState::Cancelled)
        return;
    stopTransfer();
    retryTimer_.stop();
    lockTimer_.stop();
    hash_.reset();
    closePart();
    const Wording text = message.isEmpty() ? said(QT_TR_NOOP("Paused")) : message;
    record_.state = int(DownloadState::Paused);
    record_.message = text.stored();  // its parts: worded when shown, in the language of that run
    persist();  // the row says Paused before anyone is told: a listener may read it at once
    partFile_.unlock();
    setState(DownloadState::Paused, text);
}

void DownloadTask::cancel() {
    stopTransfer();
    retryTimer_.stop();
    lockTimer_.stop();
    hash_.reset();
    part_.close();
    if (partFile_.lock())  // not while another window writes it
        partFile_.remove();
    partFile_.unlock();
    try {
        store_.remove(record_.id);
    } catch (const std::exception& e) {
        qWarning("DownloadTask: %s", e.what());
    }
    setState(DownloadState::Cancelled, said(QT_TR_NOOP("Cancelled")));
}

bool DownloadTask::openPart(bool truncate) {
    part_.close();
    part_.setFileName(partPath());
    if (!part_.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered) ||
        (truncate && !part_.resize(0))) {
        fail(said(QT_TR_NOOP("Cannot write %1: %2"), {isolatedPath(partPath()), part_.errorString()}), false);
        return false;
    }
    partSize_ = part_.size();
    if (truncate) {
        samples_.clear();
        emitProgress(true);  // the bar goes back to zero
    }
    return true;
}

void DownloadTask::closePart() {
    part_.close();
    const QFileInfo part(partPath());
    if (partFile_.isLocked() && part.exists() && part.size() == 0)
        partFile_.remove();
}

void DownloadTask::sendRequest(const QUrl& url) {
    hopUrl_ = url;
    if (!hostsAsked_.contains(url.host())) hostsAsked_.append(url.host());
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept-Encoding", "identity");  // byte offsets must be offsets in the file
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("RWKV-Desktop"));
    if (partSize_ > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(partSize_) + '-');
        if (!record_.validator.isEmpty())
            request.setRawHeader("If-Range", record_.validator.toUtf8());
    }
    if (sameOrigin(url, firstUrl_)) {  // credentials never travel to another host (CDN, mirror)
        const QJsonObject headers = parseObject(record_.extra_headers_json);
        for (auto it = headers.begin(); it != headers.end(); ++it)
            request.setRawHeader(it.key().toUtf8(), it.value().toString().toUtf8());
    }
    accepted_ = false;
    reply_ = nam_.get(request);
    connect(reply_, &QNetworkReply::metaDataChanged, this, &DownloadTask::onMetaDataChanged);
    connect(reply_, &QIODevice::readyRead, this, &DownloadTask::onReadyRead);
    connect(reply_, &QNetworkReply::finished, this, &DownloadTask::onFinished);
    if (options_.stallTimeoutMs > 0)
        stallTimer_.start(options_.stallTimeoutMs);
    lastByteMs_ = clock_.elapsed();
    if (options_.quietNoteMs > 0)
        quietTimer_.start();
}

// Session 27's trial (F2): a server silent for 30 s showed a download "going on" at its last bytes, with no sign of
// the silence until the re-ask.
void DownloadTask::onQuietTick() {
    if (!reply_ || !serverQuiet())
        return;
    setState(DownloadState::Downloading,
             said(QT_TR_NOOP("Waiting for the server: nothing received for %1 s; the app asks again after %2 s of "
                             "silence."),
                  {QString::number((clock_.elapsed() - lastByteMs_ + 500) / 1000),
                   QString::number(options_.stallTimeoutMs / 1000)}));
    quietNote_ = true;
}

bool DownloadTask::serverQuiet() const {
    return reply_ && options_.quietNoteMs > 0 && clock_.elapsed() - lastByteMs_ >= options_.quietNoteMs;
}

void DownloadTask::onStalled() {
    if (!reply_)
        return;
    // Nothing arrived for stallTimeoutMs: the connection went silent without closing (no FIN or RST reached us), so
    // Qt would wait for ever. Keep what arrived, show it, and ask again from there like after a dropped connection.
    if (partSize_ > attemptStartSize_)
        attempts_ = 0;  // progress was made: this source still works
    emitProgress(true);
    // Worded with the translated sentences of a dropped connection and of a timeout (no new strings to translate).
    retryLater(
        said(QT_TR_NOOP("connection lost: %1"), {describeNetworkError(QNetworkReply::TimeoutError, hopUrl_.host(), {})}));
}

void DownloadTask::stopTransfer() {
    stallTimer_.stop();
    quietTimer_.stop();
    if (reply_) {
        QNetworkReply* r = reply_;
        reply_ = nullptr;
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
    accepted_ = false;
}

void DownloadTask::onMetaDataChanged() {
    if (!reply_ || sender() != reply_ || accepted_)
        return;
    if (options_.stallTimeoutMs > 0)
        stallTimer_.start(options_.stallTimeoutMs);  // the headers are here
    lastByteMs_ = clock_.elapsed();
    const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    anyServerAnswered_ = anyServerAnswered_ || status > 0;
    if (status == 200 || status == 206)
        accepted_ = acceptResponse(status);
}

bool DownloadTask::acceptResponse(int status) {
    qint64 total = -1;
    if (status == 206) {
        qint64 start = -1;
        if (!parseContentRange(reply_->rawHeader("Content-Range"), &start, &total)) {
            restartFromZero(said(QT_TR_NOOP("the server sent an unreadable Content-Range")));
            return false;
        }
        if (start != partSize_) {  // not the continuation of our bytes
            restartFromZero(said(QT_TR_NOOP("the server resumed at byte %1 instead of %2"),
                                 {QString::number(start), QString::number(partSize_)}));
            return false;
        }
    } else {
        if (partSize_ > 0 && !openPart(true))  // a full body: the server ignored Range or If-Range failed
            return false;
        const QVariant length = reply_->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid())
            total = length.toLongLong();
    }
    // A login or error page answered with 200 is no model file: said so, with its size, rather than only the sizes
    // (session 26's trial, F13: "the server offers 27 bytes, 1781257 were expected"). A body of the expected size is
    // taken whatever its type: the sha256 check has the last word.
    const bool webPage = reply_->header(QNetworkRequest::ContentTypeHeader)
                             .toString()
                             .startsWith(QLatin1String("text/html"), Qt::CaseInsensitive);
    if (webPage && (record_.expected_size < 0 || total != record_.expected_size)) {
        nextSourceOrFail(
            total < 0 ? said(QT_TR_NOOP("the server sent a web page, not the model file (a login or error page?)"))
            : record_.expected_size < 0
                ? said(QT_TR_NOOP("the server sent a web page of %1 bytes, not the model file (a login or error page?)"),
                       {QString::number(total)})
                : said(QT_TR_NOOP("the server sent a web page of %1 bytes, not the model file of %2 bytes (a login or "
                                  "error page?)"),
                       {QString::number(total), QString::number(record_.expected_size)}));
        return false;
    }
    if (total >= 0) {
        if (record_.expected_size >= 0 && total != record_.expected_size) {
            nextSourceOrFail(said(QT_TR_NOOP("the server offers %1 bytes, %2 were expected"),
                                  {QString::number(total), QString::number(record_.expected_size)}));
            return false;
        }
        record_.expected_size = total;
    }
    const QByteArray etag = reply_->rawHeader("ETag");
    record_.validator = QString::fromLatin1(!etag.isEmpty() && !etag.startsWith("W/") ? etag
                                                                                    : reply_->rawHeader("Last-Modified"));
    if (const Wording why = roomProblem(); !why.isEmpty()) {
        pause(why);
        return false;
    }
    if (!record_.message.isEmpty())
        setState(DownloadState::Downloading);  // bytes flow again: the retry note is over
    persist();
    return true;
}

void DownloadTask::onReadyRead() {
    if (!reply_ || sender() != reply_)
        return;
    const QByteArray data = reply_->readAll();
    if (options_.stallTimeoutMs > 0)
        stallTimer_.start(options_.stallTimeoutMs);  // bytes arrive: not stalled
    if (!data.isEmpty())
        lastByteMs_ = clock_.elapsed();
    if (!accepted_)
        return;  // the body of a redirect or an error page
    if (!writeChunk(data))
        return;
    if (quietNote_ && !data.isEmpty()) {
        quietNote_ = false;
        setState(DownloadState::Downloading);  // the server speaks again: the note is over
    } else {
        emitProgress(false);
    }
}

bool DownloadTask::writeChunk(const QByteArray& data) {
    if (data.isEmpty())
        return true;
    if (record_.expected_size >= 0 && partSize_ + data.size() > record_.expected_size) {
        restartFromZero(said(QT_TR_NOOP("the server sent more bytes than the file has")));
        return false;
    }
    qint64 allowed = data.size();
    const bool limited = options_.maxWritableBytes >= 0 && partSize_ + allowed > options_.maxWritableBytes;
    if (limited)
        allowed = qMax<qint64>(0, options_.maxWritableBytes - partSize_);
    const qint64 written = allowed > 0 ? part_.write(data.constData(), allowed) : 0;
    if (written == data.size()) {
        partSize_ += written;
        return true;
    }
    partSize_ = part_.size();  // what actually reached the disk
    handleWriteFailure(limited ? QStringLiteral("no space left on device (write limit)") : part_.errorString(),
                       limited || part_.error() == QFileDevice::ResourceError);
    return false;
}

void DownloadTask::handleWriteFailure(const QString& detail, bool diskFull) {
    stopTransfer();
    part_.close();
    const qint64 free = freeBytes(record_.target_dir);
    const qint64 remaining = record_.expected_size >= 0 ? record_.expected_size - partSize_ : -1;
    // Session 28's trial (N3): "(Unknown error)", Qt's text of a short write, stood where the reason belongs.
    if (diskFull || (free >= 0 && remaining >= 0 && free < remaining))
        pause(said(QT_TR_NOOP("Disk full while writing %1: the disk holding %2 has no room left (%3 free). Free some "
                              "space, then resume; the %4 already downloaded are kept."),
                   {record_.file_name, isolatedPath(record_.target_dir), humanBytes(free), humanBytes(partSize_)}));
    else
        pause(said(QT_TR_NOOP("Cannot write %1: %2. The partial download is kept; resume when the problem is fixed."),
                   {isolatedPath(partPath()), detail}));
}

// A file larger than the free space said "Disk full: … needs 1000000.0 TB more" for a size beyond the byte counts'
// units (session 25's trial, N3a), and "Disk full" for a disk with room, only not enough of it.
Wording DownloadTask::roomProblem() const {
    if (record_.expected_size < 0) return {};
    const qint64 need = record_.expected_size - partSize_;
    const qint64 free = freeBytes(record_.target_dir);
    if (free < 0 || need <= free) return {};
    if (largerThanTheDisk(record_.expected_size, record_.target_dir))
        return said(QT_TR_NOOP("%1 (%2) is larger than the whole disk holding %3 (%4): it cannot be downloaded there. "
                               "Choose a models folder on a larger disk."),
                    {record_.file_name, humanBytes(record_.expected_size), isolatedPath(record_.target_dir),
                     humanBytes(totalBytes(record_.target_dir))});
    // "needs 80.5 GB more" read as 80.5 GB beyond the free space (session 26's trial, F9): it is what is left to get.
    return said(QT_TR_NOOP("Not enough disk space: %1 needs %2 still to download, and only %3 are free in %4. Free "
                           "some space, then resume."),
                {record_.file_name, humanBytes(need), humanBytes(free), isolatedPath(record_.target_dir)});
}

void DownloadTask::restartFromZero(const Wording& why) {
    stopTransfer();
    if (!openPart(true))
        return;
    if (++attempts_ > options_.maxAttemptsPerSource)
        return nextSourceOrFail(why);
    setState(DownloadState::Downloading, said(QT_TR_NOOP("Starting over: %1"), {why}));
    redirects_ = 0;
    attemptStartSize_ = 0;
    sendRequest(firstUrl_);
}

void DownloadTask::onFinished() {
    QNetworkReply* r = reply_;
    if (!r || sender() != r)
        return;
    stallTimer_.stop();
    const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    anyServerAnswered_ = anyServerAnswered_ || status > 0;
    const QNetworkReply::NetworkError error = r->error();
    const QString errorText = r->errorString();
    if (accepted_) {
        if (!writeChunk(r->readAll()))
            return;
        reply_ = nullptr;
        accepted_ = false;
        r->deleteLater();
        if (partSize_ > attemptStartSize_)
            attempts_ = 0;  // progress was made: this source still works
        emitProgress(true);
        if (error != QNetworkReply::NoError)
            return retryLater(
                said(QT_TR_NOOP("connection lost: %1"), {describeNetworkError(error, hopUrl_.host(), errorText)}));
        if (record_.expected_size >= 0 && partSize_ < record_.expected_size)
            return retryLater(said(QT_TR_NOOP("the connection closed early")));
        if (record_.expected_size < 0)
            record_.expected_size = partSize_;
        return verify();
    }
    const QByteArray location = r->rawHeader("Location");
    const QByteArray linkedSize = r->rawHeader("X-Linked-Size");
    const QByteArray linkedEtag = r->rawHeader("X-Linked-Etag");
    reply_ = nullptr;
    r->deleteLater();

    if (isRedirect(status)) {
        // Hugging Face puts the LFS file's size and sha256 on the hop that leaves for the CDN (its 302);
        // the CDN's own headers are not the file's metadata.
        if (!linkedMetaTaken_ && (!linkedSize.isEmpty() || !linkedEtag.isEmpty())) {
            linkedMetaTaken_ = true;
            bool ok = false;
            const qint64 size = linkedSize.toLongLong(&ok);
            if (ok && size >= 0)
                record_.expected_size = size;
            const QString sha = sha256FromEtag(linkedEtag);
            if (!sha.isEmpty()) {
                if (!record_.expected_sha256.isEmpty() && sha != record_.expected_sha256 && partSize_ > 0 &&
                    !openPart(true))
                    return;  // the file changed upstream: the old bytes are useless
                record_.expected_sha256 = sha;
            }
            if (record_.expected_size >= 0 && partSize_ > record_.expected_size && !openPart(true))
                return;
        }
        const QUrl next = hopUrl_.resolved(QUrl::fromEncoded(location));  // Location may be relative
        if (location.isEmpty() || !next.isValid() ||
            (next.scheme() != QLatin1String("http") && next.scheme() != QLatin1String("https")))
            return nextSourceOrFail(said(QT_TR_NOOP("HTTP %1 from %2 without a usable Location"),
                                         {QString::number(status), hopUrl_.host()}));
        if (++redirects_ > options_.maxRedirects)
            return nextSourceOrFail(said(QT_TR_NOOP("too many redirects")));
        return sendRequest(next);
    }
    if (status == 416) {  // nothing after our offset: complete if the size says so
        if (record_.expected_size >= 0 && partSize_ == record_.expected_size)
            return verify();
        return restartFromZero(said(QT_TR_NOOP("the server refused the byte range")));
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429)
        return nextSourceOrFail(said(QT_TR_NOOP("HTTP %1 from %2"), {QString::number(status), hopUrl_.host()}));
    if (status >= 500 || status == 408 || status == 429)
        return retryLater(said(QT_TR_NOOP("HTTP %1 from %2"), {QString::number(status), hopUrl_.host()}));
    // No HTTP answer at all: the code says why (no network, DNS, TLS...). A host that cannot be found or refuses the
    // connection goes to the next source at once where there is one: six tries with back-off (~63 s) came first
    // before (session 22's trial, F10: a network that blocks huggingface.co waited a minute per source while
    // hf-mirror worked). With no other source left it is retried as before: the network may come back.
    if ((error == QNetworkReply::HostNotFoundError || error == QNetworkReply::ConnectionRefusedError) &&
        sources_.size() > 1)
        return nextSourceOrFail(describeNetworkError(error, hopUrl_.host(), errorText));
    if (error != QNetworkReply::NoError)
        return retryLater(describeNetworkError(error, hopUrl_.host(), errorText));
    nextSourceOrFail(said(QT_TR_NOOP("unexpected HTTP %1 from %2"), {QString::number(status), hopUrl_.host()}));
}

void DownloadTask::retryLater(const Wording& why) {
    stopTransfer();
    if (++attempts_ > options_.maxAttemptsPerSource)
        return nextSourceOrFail(why);
    const qint64 delay = qMin<qint64>(options_.retryMaxMs, qint64(options_.retryBaseMs) << qMin(attempts_ - 1, 20));
    // No speed and no time left while it waits: the last burst's "100.0 MB/s · 0 s left" stayed on the banner above
    // "Retrying in 8.0 s" (session 26's trial, F13). The window starts again from here.
    samples_.clear();
    setState(DownloadState::Downloading,
             said(QT_TR_NOOP("Retrying in %1 s (attempt %2): %3"),
                  {QString::number(double(delay) / 1000.0, 'f', 1), QString::number(attempts_), why}));
    persist();
    retryTimer_.start(int(delay));
}

void DownloadTask::nextSourceOrFail(const Wording& why) {
    stopTransfer();
    retryTimer_.stop();
    if (sources_.size() <= 1) {
        // No server answered at all (no DNS, no connection, a proxy that failed): the network's doing, and the catalog
        // is not to blame. Session 44's trial: offline, the card said "cannot find hf-mirror.com … the model catalog
        // may be out of date", naming the last host only. The hosts first, the last error after them: session 45's
        // trial read "failed: cannot find modelscope.cn. No server answered (huggingface.co, …)" as one host's fault.
        if (!anyServerAnswered_)
            return fail(said(QT_TR_NOOP("Downloading %1 failed: no server answered (%2; last error: %3). Check this "
                                        "computer's internet connection (and proxy settings), then Retry."),
                             {record_.file_name, hostsAsked_.join(QStringLiteral(", ")), why}),
                        false);
        // An entry with one source's URL (models.json may list one mirror only) has no other source to choose.
        if (parseObject(record_.urls_json).size() <= 1)
            return fail(said(QT_TR_NOOP("Downloading %1 failed: %2. Retry later; the model catalog lists no other source "
                                        "for it, and it may be out of date."),
                             {record_.file_name, why}),
                        false);
        // Automatic tried each source in turn: "choose another source" was no advice there (session 42's trial: what a
        // new user without network read under the default source).
        if (sourceFromKey(record_.source).value_or(Source::Auto) == Source::Auto)
            return fail(said(QT_TR_NOOP("Downloading %1 failed: %2. Each source was tried in turn (Automatic): retry "
                                        "later; if they all keep failing, the model catalog may be out of date."),
                             {record_.file_name, why}),
                        false);
        return fail(said(QT_TR_NOOP("Downloading %1 failed: %2. Retry later, or choose another source in Models; when "
                                    "every source fails, the model catalog may be out of date."),
                         {record_.file_name, why}),
                    false);
    }
    const Source failed = sources_.takeFirst();
    firstUrl_ = QUrl(parseObject(record_.urls_json).value(sourceKey(sources_.first())).toString());
    record_.current_url = firstUrl_.toString();
    record_.validator.clear();  // another server's validator means nothing here
    // Bytes from another server can only be trusted when the final sha256 check will catch a mismatch.
    if (record_.expected_sha256.isEmpty() && partSize_ > 0 && !openPart(true))
        return;
    attempts_ = 0;
    linkedMetaTaken_ = false;
    setState(DownloadState::Downloading,
             said(QT_TR_NOOP("%1 failed (%2); trying %3"), {sourceKey(failed), why, sourceKey(sources_.first())}));
    persist();
    redirects_ = 0;
    attemptStartSize_ = partSize_;
    sendRequest(firstUrl_);
}

void DownloadTask::verify() {
    stopTransfer();
    part_.close();
    const qint64 size = QFileInfo(partPath()).size();
    if (record_.expected_size >= 0 && size != record_.expected_size)
        return fail(said(QT_TR_NOOP("%1 has %2 bytes, %3 were expected; the download was deleted."),
                         {record_.file_name, QString::number(size), QString::number(record_.expected_size)}),
                    true);
    setState(DownloadState::Verifying, said(QT_TR_NOOP("Verifying")));
    persist();
    hash_ = std::make_unique<Sha256Job>(partPath());
    connect(hash_.get(), &Sha256Job::done, this, &DownloadTask::onHashed);
    hash_->start();
}

void DownloadTask::onHashed(const QString& hex, const Wording& error) {
    hash_.release()->deleteLater();  // we are inside its signal
    if (!error.isEmpty())
        return fail(error, false);
    if (!record_.expected_sha256.isEmpty() && hex != record_.expected_sha256 && resumedFrom_ > 0) {
        // The bytes kept from an earlier run may be the bad ones (a disk or copy error): the whole file once more,
        // rather than a failure whose Retry would start from zero anyway.
        const Wording why = said(QT_TR_NOOP("the checksum of %1 did not match after resuming the %2 downloaded "
                                            "earlier, so the file is downloaded again from the start"),
                                 {record_.file_name, humanBytes(resumedFrom_)});
        startNote_ = said(QT_TR_NOOP("Starting over: %1"), {why});
        startNoteIsInformation_ = false;
        resumedFrom_ = 0;
        attempts_ = 0;
        return restartFromZero(why);
    }
    if (!record_.expected_sha256.isEmpty() && hex != record_.expected_sha256)
        // Said in full on the card; the banners above it and in the chat say it without the two 64-digit sums: the
        // same three lines stood in all three places.
        return fail(said(QT_TR_NOOP("Checksum mismatch for %1: expected sha256 %2, got %3. The downloaded file was "
                                    "deleted; try again or choose another source."),
                         {record_.file_name, record_.expected_sha256, hex})
                        .withBrief(said(QT_TR_NOOP("Checksum mismatch for %1: the downloaded file was deleted. Its card "
                                                   "in Models shows both checksums; try again or choose another "
                                                   "source."),
                                        {record_.file_name})),
                    true);
    if (QFileInfo::exists(finalPath()))
        return fail(said(QT_TR_NOOP("%1 appeared in the models folder during the download; the verified copy is kept "
                                    "as %2."),
                         {record_.file_name, isolatedPath(partPath())}),
                    false);
    if (!QFile::rename(partPath(), finalPath()))
        return fail(said(QT_TR_NOOP("Cannot move %1 into the models folder."), {record_.file_name}), false);
    partFile_.remove();  // its record (the .part is renamed)
    partFile_.unlock();
    try {
        store_.remove(record_.id);
    } catch (const std::exception& e) {
        qWarning("DownloadTask: %s", e.what());
    }
    setState(DownloadState::Completed);
    emit completed(record_.id, finalPath(), hex);
}

void DownloadTask::fail(const Wording& message, bool removePartial) {
    stopTransfer();
    retryTimer_.stop();
    lockTimer_.stop();
    closePart();  // new-user trial: a size refused before any byte left an empty .part in the models folder
    if (removePartial) {
        if (partFile_.lock())
            partFile_.remove();
        partFile_.unlock();
        partSize_ = 0;
        record_.validator.clear();  // no bytes kept: a Retry starts from zero
    }
    // The row stays, Failed with its reason: the next start shows it so, with Retry (session 33's check: read back as
    // Paused with Resume; a checksum mismatch's row was deleted, and its card then said nothing of it).
    setState(DownloadState::Failed, message);
    persist();
    partFile_.unlock();
}

// The bytes go out before the state, so a state's listeners read current bytes. Nothing follows Cancelled: a progress
// after it re-created the download the manager had just dropped, as a "queued" card with only Cancel (session 27's
// trial, F1).
void DownloadTask::setState(DownloadState state, const Wording& message) {
    state_ = state;
    record_.state = int(state);
    // A run that started over keeps saying why while it downloads (a retry's note goes when the bytes flow again).
    message_ = message.isEmpty() && state == DownloadState::Downloading ? startNote_ : message;
    record_.message = message_.stored();  // the database's copy, as its parts (worded in the language of the run
                                           // that shows it: session 32's note)
    quietNote_ = false;
    if (state != DownloadState::Cancelled)
        emitProgress(true);
    else
        progressTimer_.stop();
    const bool information = waitingForOther_ || (message.isEmpty() && startNoteIsInformation_);
    emit stateChanged(record_.id, int(state), message_, information && state == DownloadState::Downloading);
}

void DownloadTask::emitProgress(bool force) {
    const qint64 now = clock_.elapsed();
    if (!force && lastProgressMs_ >= 0 && now - lastProgressMs_ < options_.progressIntervalMs) {
        // Held back, but sent when the interval ends: the last bytes of a burst followed by silence stayed unshown
        // (session 27's trial, F2: the banner read 3.00 MB for a .part of 6 MB).
        if (!progressTimer_.isActive())
            progressTimer_.start(int(options_.progressIntervalMs - (now - lastProgressMs_)));
        return;
    }
    progressTimer_.stop();
    lastProgressMs_ = now;
    samples_.append({now, partSize_});
    while (samples_.size() > 2 && now - samples_.first().first > kSpeedWindowMs)
        samples_.removeFirst();
    double speed = 0;
    const qint64 dt = now - samples_.first().first;
    const qint64 db = partSize_ - samples_.first().second;
    if (dt > 0 && db > 0 && state_ == DownloadState::Downloading && !serverQuiet())
        speed = double(db) * 1000.0 / double(dt);
    const qint64 total = record_.expected_size;
    const qint64 eta = speed > 0 && total >= 0 ? qint64(double(total - partSize_) / speed + 0.5) : -1;
    emit progress(record_.id, partSize_, total, speed, eta);
    if (state_ == DownloadState::Downloading && now - lastPersistMs_ >= kPersistEveryMs) {
        lastPersistMs_ = now;
        try {
            store_.updateProgress(record_.id, partSize_, int(state_), record_.message);
        } catch (const std::exception& e) {
            qWarning("DownloadTask: %s", e.what());
        }
    }
}

void DownloadTask::persist() {
    // The record beside the .part says what its bytes are (F8): written before the first byte, with the validator.
    if (partFile_.isLocked() && QFileInfo::exists(partPath()) && !partFile_.writeRecord(partRecord()))
        qWarning("DownloadTask: cannot write %s", qPrintable(partFile_.recordPath()));
    record_.bytes_done = partSize_;
    try {
        store_.save(record_);
    } catch (const std::exception& e) {
        qWarning("DownloadTask: cannot save download %s: %s", qPrintable(record_.id), e.what());
    }
}

}  // namespace rwkv::models
