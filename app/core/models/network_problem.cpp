// models/network_problem.cpp — see network_problem.h.
#include "network_problem.h"

#include <QCoreApplication>

namespace rwkv::models {

bool isNoNetworkError(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

QString describeNetworkError(QNetworkReply::NetworkError error, const QString& host, const QString& qtText) {
    const auto tr = [](const char* text) { return QCoreApplication::translate("rwkv::models", text); };
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        return tr("no network or no DNS: cannot find %1").arg(host);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return tr("no network connection (%1)").arg(qtText);
    case QNetworkReply::ConnectionRefusedError:
        return tr("%1 refused the connection").arg(host);
    case QNetworkReply::RemoteHostClosedError:
        return tr("%1 closed the connection").arg(host);
    case QNetworkReply::TimeoutError:
        return tr("%1 did not answer in time").arg(host);
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        return tr("no secure connection to %1 (%2)").arg(host, qtText);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return tr("the network proxy failed (%1); check the system proxy settings").arg(qtText);
    default:
        return qtText;
    }
}

}  // namespace rwkv::models
