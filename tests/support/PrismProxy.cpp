#include "PrismProxy.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace benchtop::test {

namespace {

QString compact(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(
        QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
}

} // namespace

PrismProxy::PrismProxy(QString prism, QString spec)
    : m_prism(std::move(prism))
    , m_spec(std::move(spec))
{}

PrismProxy::~PrismProxy()
{
    stop();
}

void PrismProxy::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

QString PrismProxy::log(qsizetype tail) const
{
    QFile log(m_dir.filePath(u"prism.log"_s));
    if (!log.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray all = log.readAll();
    return QString::fromUtf8(tail < 0 ? all : all.right(tail));
}

bool PrismProxy::start(const QUrl &upstream, QString *error)
{
    if (!QFile::exists(m_prism)) {
        *error = u"Stoplight Prism is not installed at %1. Run scripts/setup.sh (it installs "
                 "@stoplight/prism-cli@5.14.2 with npm into build/prism; needs Node.js, npm "
                 "and network access once)."_s.arg(m_prism);
        return false;
    }
    if (!m_dir.isValid()) {
        *error = u"no temporary folder for Prism's log"_s;
        return false;
    }
    quint16 port = 0;
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = u"no free loopback port for Prism"_s;
            return false;
        }
        port = probe.serverPort();
    }
    m_url = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(u"prism.log"_s));
    m_process.setWorkingDirectory(m_dir.path());
    m_process.start(m_prism,
                    {u"proxy"_s, m_spec, upstream.toString(QUrl::StripTrailingSlash), u"--errors"_s,
                     u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(port)});
    if (!m_process.waitForStarted(10'000)) {
        *error = u"cannot start %1: %2"_s.arg(m_prism, m_process.errorString());
        return false;
    }
    // Ready when GET / gets Prism's own "no path matched" problem answer.
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 90'000) {
        if (m_process.state() == QProcess::NotRunning) {
            *error = u"Prism exited (code %1) before it answered:\n%2"_s.arg(m_process.exitCode())
                         .arg(log());
            return false;
        }
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(m_url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (finished.wait(2'000) && reply->readAll().contains("NO_PATH_MATCHED")) {
            reply->deleteLater();
            qInfo("Prism answers at %s after %.1f s", qPrintable(m_url.toString()),
                  double(timer.elapsed()) / 1000);
            return true;
        }
        reply->deleteLater();
        QTest::qWait(250);
    }
    *error = u"Prism did not answer within 90 s:\n%1"_s.arg(log());
    return false;
}

QList<PrismViolation> PrismProxy::parseViolations(const QByteArray &header, QString *problem)
{
    QList<PrismViolation> violations;
    if (header.isEmpty())
        return violations;
    const QJsonDocument document = QJsonDocument::fromJson(header);
    if (!document.isArray()) {
        // "Too many violations! ..." (truncated) or something unexpected: count it as an error.
        *problem = QString::fromUtf8(header.left(400));
        violations.append({true, u"unreadable sl-violations header: "_s + *problem});
        return violations;
    }
    for (const QJsonValue &item : document.array()) {
        const QJsonObject object = item.toObject();
        const QJsonValue severity = object.value(u"severity"_s);
        const bool error =
            severity.isDouble() ? severity.toInt() == 0 : severity.toString() == u"Error"_s;
        QStringList location;
        for (const QJsonValue &part : object.value(u"location"_s).toArray())
            location.append(part.isString() ? part.toString() : compact(part));
        violations.append({error, u"[%1] %2: %3 (%4)"_s.arg(
                                      severity.isDouble() ? QString::number(severity.toInt())
                                                          : severity.toString(),
                                      location.join(u'.'), object.value(u"message"_s).toString(),
                                      object.value(u"code"_s).toVariant().toString())});
    }
    return violations;
}

} // namespace benchtop::test
