// models/sha256_job.cpp — file hashing on a worker thread (see sha256_job.h).
#include "sha256_job.h"

#include <QCryptographicHash>
#include <QFile>
#include <QThread>

namespace rwkv::models {

Sha256Job::Sha256Job(QString path, QObject* parent) : QObject(parent), path_(std::move(path)) {}

Sha256Job::~Sha256Job() {
    cancel_ = true;
    if (thread_) {
        thread_->wait();
        delete thread_;
    }
}

void Sha256Job::start() {
    thread_ = QThread::create([this] {
        QString hex;
        Wording error;
        QFile file(path_);
        if (!file.open(QIODevice::ReadOnly)) {
            error = Wording(staticMetaObject.className(), QT_TR_NOOP("Cannot read %1 to verify it: %2"),
                            {path_, file.errorString()});
        } else {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            QByteArray buffer(4 << 20, Qt::Uninitialized);
            qint64 n = 0;
            while (!cancel_ && (n = file.read(buffer.data(), buffer.size())) > 0)
                hash.addData(QByteArrayView(buffer.constData(), n));
            if (cancel_)
                error = Wording(staticMetaObject.className(), QT_TR_NOOP("Verification was cancelled."));
            else if (n < 0)
                error = Wording(staticMetaObject.className(), QT_TR_NOOP("Cannot read %1 to verify it: %2"),
                                {path_, file.errorString()});
            else
                hex = QString::fromLatin1(hash.result().toHex());
        }
        // Queued to the owner's thread; dropped if the job is destroyed first (the destructor waits for us).
        QMetaObject::invokeMethod(this, [this, hex, error] { emit done(hex, error); }, Qt::QueuedConnection);
    });
    thread_->start();
}

}  // namespace rwkv::models
