// benchtop-server as a team runs it: a real process, keys administered from the command line
// while it serves, and clear refusals for bad arguments.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestServerCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;

    QString db() const { return u"sqlite:"_s + m_dir.filePath(u"lab.sqlite"_s); }

    // Runs an administration command to completion; returns stdout.
    QByteArray admin(const QStringList &args, int expectedExit = 0)
    {
        QProcess process;
        process.start(QStringLiteral(BENCHTOP_SERVER_EXE), QStringList{u"--db"_s, db()} + args);
        if (!process.waitForFinished(30'000) || process.exitCode() != expectedExit) {
            qWarning() << args << process.readAllStandardError();
            return "<failed>";
        }
        if (expectedExit != 0 && process.readAllStandardError().isEmpty())
            return "<failed: no message>"; // a refusal must say why
        return process.readAllStandardOutput();
    }

    int status(const QUrl &base, const QString &key)
    {
        QNetworkRequest request(QUrl(base.toString() + u"/api/v2/locations?pageSize=1"_s));
        request.setRawHeader("Authorization", "Basic " + QByteArray(key.toUtf8() + ':').toBase64());
        QNetworkReply *reply = m_network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10'000);
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void seedingAfterAnAdministratorMadeUsers()
    {
        // README order: users first, then serve with --seed-demo; the demo lab must appear.
        QTemporaryDir dir;
        const QString fresh = u"sqlite:"_s + dir.filePath(u"lab.sqlite"_s);
        QProcess create;
        create.start(QStringLiteral(BENCHTOP_SERVER_EXE),
                     {u"--db"_s, fresh, u"--create-user"_s, u"ada"_s});
        QVERIFY(create.waitForFinished(30'000));
        QCOMPARE(create.exitCode(), 0);
        QProcess seed;
        seed.start(QStringLiteral(BENCHTOP_SERVER_EXE),
                   {u"--db"_s, fresh, u"--seed-demo"_s, u"--create-key"_s, u"k"_s});
        QVERIFY(seed.waitForFinished(30'000));
        QCOMPARE(seed.exitCode(), 0);
        const QString key = QString::fromLatin1(seed.readAllStandardOutput()).trimmed();
        QProcess server;
        server.start(QStringLiteral(BENCHTOP_SERVER_EXE),
                     {u"--db"_s, fresh, u"--listen"_s, u"127.0.0.1:0"_s});
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
        const auto match = QRegularExpression(u"(http://\\S+)/api/v2"_s)
                               .match(QString::fromUtf8(server.readLine()));
        QVERIFY(match.hasMatch());
        QNetworkRequest request(QUrl(match.captured(1) + u"/api/v2/locations?pageSize=100"_s));
        request.setRawHeader("Authorization", "Basic " + QByteArray(key.toUtf8() + ':').toBase64());
        QNetworkReply *reply = m_network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10'000));
        const QJsonArray listed =
            QJsonDocument::fromJson(reply->readAll()).object().value(u"locations"_s).toArray();
        reply->deleteLater();
        server.terminate();
        QCOMPARE(listed.size(), 40); // every seeded location
        QVERIFY(server.waitForFinished(10'000));
    }

    void keysWorkAgainstARunningServerAndRevokeAtOnce()
    {
        const QString key =
            QString::fromLatin1(admin({u"--seed-demo"_s, u"--create-key"_s, u"laptop"_s}))
                .trimmed();
        QVERIFY2(key.startsWith(u"sk_"_s), qPrintable(key));

        QProcess server;
        server.start(QStringLiteral(BENCHTOP_SERVER_EXE),
                     {u"--db"_s, db(), u"--listen"_s, u"127.0.0.1:0"_s});
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10'000);
        const QString banner = QString::fromUtf8(server.readLine());
        const auto match = QRegularExpression(u"(http://\\S+)/api/v2"_s).match(banner);
        QVERIFY2(match.hasMatch(), qPrintable(banner));
        const QUrl base(match.captured(1));

        QCOMPARE(status(base, key), 200);
        QCOMPARE(status(base, u"sk_wrong"_s), 401);
        QVERIFY(admin({u"--list-keys"_s}).contains("laptop\t"));
        QCOMPARE(admin({u"--revoke-key"_s, u"laptop"_s}).trimmed(), QByteArray("revoked"));
        QCOMPARE(status(base, key), 401); // no restart needed

        server.terminate();
        QVERIFY(server.waitForFinished(10'000));
    }

    void usersAndBadArguments()
    {
        admin({u"--create-user"_s, u"ada"_s, u"--name"_s, u"Ada Lovelace"_s});
        admin({u"--create-user"_s, u"ada"_s}, 1);       // taken
        admin({u"--create-user"_s, u"not valid"_s}, 1); // bad handle
        admin({u"--user"_s, u"nobody"_s, u"--create-key"_s, u"k"_s}, 1);
        admin({u"--revoke-key"_s, u"no-such-key"_s}, 1);
        QProcess bad;
        bad.start(QStringLiteral(BENCHTOP_SERVER_EXE), {u"--listen"_s, u"8470"_s});
        QVERIFY(bad.waitForFinished(10'000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(bad.readAllStandardError().contains("HOST:PORT"));
    }
};

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_server_cli.moc"
