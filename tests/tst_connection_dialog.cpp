// Connection profiles end to end on the offscreen platform: the dialog adds and fills a profile,
// "Test connection" signs in against a real lab server (API key and OAuth), the secret lands in
// the owner-only fallback file (no keychain here), and the main window switches to the profile
// without restarting, its status bar naming the new connection.
#include "FaultProxy.h"
#include "TestLabServer.h"
#include "app/ActivityIndicator.h"
#include "app/ConnectionController.h"
#include "app/ConnectionDialog.h"
#include "app/ConnectionProfiles.h"
#include "app/MainWindow.h"
#include "app/SecretStore.h"
#include "app/Session.h"
#include "models/LocationTreeModel.h"
#include "models/api/ApiClient.h"
#include "models/api/ListPager.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace benchtop;

namespace {

QString keyIdOf(test::TestLabServer &lab)
{
    for (const server::ApiKeyInfo &info : lab.server().apiKeys().list()) {
        if (info.name == u"test"_s)
            return info.id;
    }
    return {};
}

void setText(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

template<typename T> T *child(QWidget *parent, const QString &name)
{
    T *widget = parent->findChild<T *>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

// Fills the dialog's form for a team lab server profile.
void fillServerProfile(app::ConnectionDialog &dialog, const QString &name, const QUrl &url,
                       const QString &secret, const QString &clientId = {})
{
    QTest::mouseClick(child<QPushButton>(&dialog, u"add"_s), Qt::LeftButton);
    setText(child<QLineEdit>(&dialog, u"name"_s), name);
    child<QComboBox>(&dialog, u"kind"_s)->setCurrentIndex(1); // team lab server
    QVERIFY(child<QLineEdit>(&dialog, u"url"_s)->isVisibleTo(&dialog));
    setText(child<QLineEdit>(&dialog, u"url"_s), url.toString());
    child<QComboBox>(&dialog, u"auth"_s)->setCurrentIndex(clientId.isEmpty() ? 0 : 1);
    if (!clientId.isEmpty())
        setText(child<QLineEdit>(&dialog, u"clientId"_s), clientId);
    QCOMPARE(child<QLineEdit>(&dialog, u"secret"_s)->echoMode(), QLineEdit::Password);
    setText(child<QLineEdit>(&dialog, u"secret"_s), secret);
}

QString runTest(app::ConnectionDialog &dialog, bool *ok)
{
    QSignalSpy finished(&dialog, &app::ConnectionDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(&dialog, u"test"_s), Qt::LeftButton);
    if (!finished.wait(10'000))
        return u"(no answer)"_s;
    *ok = finished.first().at(0).toBool();
    return finished.first().at(1).toString();
}

} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString settingsFile() const { return m_dir.filePath(u"settings.ini"_s); }
    QString secretsDir() const { return m_dir.filePath(u"config"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        // As on CI: no keychain, so the fallback file must be used (and said so).
        qputenv("BENCHTOP_NO_KEYCHAIN", "1");
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<app::Session *>();
    }

    void init()
    {
        QFile::remove(settingsFile());
        QFile::remove(QDir(secretsDir()).filePath(u"secrets.json"_s));
    }

    void addProfileAndTestConnection()
    {
        test::TestLabServer lab;
        QVERIFY(lab.start());
        app::ConnectionProfiles profiles(settingsFile(), secretsDir());
        app::ConnectionDialog dialog(&profiles, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        fillServerProfile(dialog, u"team"_s, lab.baseUrl(), lab.apiKey());
        QSignalSpy saved(&dialog, &app::ConnectionDialog::saved);
        QTest::mouseClick(child<QPushButton>(&dialog, u"save"_s), Qt::LeftButton);
        QVERIFY(saved.wait(5'000));
        QCOMPARE(profiles.names(), QStringList{u"team"_s});
        const auto team = profiles.profile(u"team"_s);
        QVERIFY(team);
        QCOMPARE(team->kind, app::ConnectionProfile::Kind::Server);
        QCOMPARE(team->baseUrl(), lab.baseUrl());

        // The secret is not in the settings but in the owner-only fallback file, as the
        // dialog says.
        QFile ini(settingsFile());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray settingsText = ini.readAll();
        QVERIFY(settingsText.contains("kind=server"));
        QVERIFY(!settingsText.contains(lab.apiKey().toUtf8()));
        const QString secretsPath = profiles.secrets()->fallbackPath();
        QVERIFY(!profiles.secrets()->usesKeychain());
        QCOMPARE(dialog.storageNote(),
                 u"No system keychain: the secret is stored in %1, readable only by you."_s.arg(
                     secretsPath));
        QFile secrets(secretsPath);
        QVERIFY(secrets.open(QIODevice::ReadOnly));
        QVERIFY(secrets.readAll().contains(lab.apiKey().toUtf8()));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(secrets.permissions() & others, QFileDevice::Permissions());
        QVERIFY(secrets.permissions() & QFileDevice::ReadOwner);

        // Test connection with the stored secret (the field is empty again after saving).
        QVERIFY(child<QLineEdit>(&dialog, u"secret"_s)->text().isEmpty());
        bool ok = false;
        QCOMPARE(runTest(dialog, &ok), u"Signed in as Demo Scientist (demo)"_s);
        QVERIFY(ok);
        QCOMPARE(dialog.resultText(), u"Signed in as Demo Scientist (demo)"_s);

        // A wrong key typed in: the typed error, not a sign-in.
        setText(child<QLineEdit>(&dialog, u"secret"_s), u"wrong-key"_s);
        const QString refused = runTest(dialog, &ok);
        QVERIFY(!ok);
        QVERIFY2(refused.contains(u"API key"_s) || refused.contains(u"401"_s), qPrintable(refused));
        QVERIFY(!refused.contains(u"Signed in"_s));
        // Nothing was saved by testing: the stored key still works.
        QCOMPARE(app::loadProfile(u"team"_s, &profiles).secret, lab.apiKey());
    }

    // A server without the Benchtop session route (a Benchling tenant answers 404 there): the
    // check proves the key with GET /users instead and says it cannot name the user.
    void testConnectionWithoutSessionRoute()
    {
        test::TestLabServer lab;
        QVERIFY(lab.start());
        test::FaultProxy proxy(lab.baseUrl());
        QVERIFY(proxy.listen());
        test::FaultProxy::Rule notFound;
        notFound.fault = test::FaultProxy::Fault::Canned;
        notFound.pathPart = u"/api/v2/benchtop/session"_s;
        notFound.times = 1000;
        notFound.status = 404;
        notFound.body = R"({"error":{"type":"invalid_request_error","message":"Not found"}})";
        proxy.addRule(notFound);
        app::ConnectionProfiles profiles(settingsFile(), secretsDir());
        app::ConnectionDialog dialog(&profiles, nullptr);
        dialog.show();
        fillServerProfile(dialog, u"tenant-like"_s, proxy.url(), lab.apiKey());
        bool ok = false;
        QCOMPARE(runTest(dialog, &ok),
                 u"Connected; this server does not say which user the key belongs to."_s);
        QVERIFY(ok);
        QCOMPARE(proxy.count("GET", u"/api/v2/benchtop/session"_s), 1);
        QCOMPARE(proxy.count("GET", u"/api/v2/users"_s), 1);
        // The fallback still checks the key: a wrong one fails with the server's refusal.
        setText(child<QLineEdit>(&dialog, u"secret"_s), u"wrong-key"_s);
        const QString refused = runTest(dialog, &ok);
        QVERIFY(!ok);
        QVERIFY2(refused.contains(u"API key"_s) || refused.contains(u"401"_s), qPrintable(refused));
        QCOMPARE(proxy.count("GET", u"/api/v2/users"_s), 2);
    }

    void oauthProfileAndTenantNames()
    {
        test::TestLabServer lab;
        QVERIFY(lab.start());
        app::ConnectionProfiles profiles(settingsFile(), secretsDir());
        app::ConnectionDialog dialog(&profiles, nullptr);
        dialog.show();
        fillServerProfile(dialog, u"robot"_s, lab.baseUrl(), lab.apiKey(), keyIdOf(lab));
        QVERIFY(child<QLineEdit>(&dialog, u"clientId"_s)->isVisibleTo(&dialog));
        bool ok = false;
        QCOMPARE(runTest(dialog, &ok), u"Signed in as Demo Scientist (demo)"_s);
        QVERIFY(ok);

        // A wrong client secret: the token endpoint's refusal, once.
        setText(child<QLineEdit>(&dialog, u"secret"_s), u"nope"_s);
        QVERIFY(!runTest(dialog, &ok).contains(u"Signed in"_s));
        QVERIFY(!ok);

        QCOMPARE(app::ConnectionProfile::tenantUrl(u"acme"_s),
                 QUrl(u"https://acme.benchling.com"_s));
        QCOMPARE(app::ConnectionProfile::tenantUrl(u"https://acme.benchling.com"_s),
                 QUrl(u"https://acme.benchling.com"_s));
        child<QComboBox>(&dialog, u"kind"_s)->setCurrentIndex(2); // tenant
        setText(child<QLineEdit>(&dialog, u"url"_s), u"Acme"_s);
        QCOMPARE(dialog.formProfile().baseUrl(), QUrl(u"https://acme.benchling.com"_s));
    }

    void duplicateAndRemove()
    {
        app::ConnectionProfiles profiles(settingsFile(), secretsDir());
        app::ConnectionProfile team{u"team"_s, app::ConnectionProfile::Kind::Server,
                                    u"https://lab.example.org"_s,
                                    app::ConnectionProfile::Auth::ApiKey, QString()};
        profiles.save(team);
        QString error;
        bool done = false;
        profiles.secrets()->write(u"team"_s, u"s3cret"_s, this, [&](const QString &e) {
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        app::ConnectionDialog dialog(&profiles, nullptr);
        dialog.selectProfile(u"team"_s);
        QTest::mouseClick(child<QPushButton>(&dialog, u"duplicate"_s), Qt::LeftButton);
        QCOMPARE(profiles.names(), (QStringList{u"team"_s, u"team copy"_s}));
        QTRY_COMPARE(app::loadProfile(u"team copy"_s, &profiles).secret, u"s3cret"_s);
        QCOMPARE(dialog.selectedName(), u"team copy"_s);
        QTest::mouseClick(child<QPushButton>(&dialog, u"remove"_s), Qt::LeftButton);
        QCOMPARE(profiles.names(), QStringList{u"team"_s});
        const app::LoadedProfile gone = app::loadProfile(u"team copy"_s, &profiles);
        QVERIFY(!gone.ok());
        QVERIFY2(gone.error.contains(u"no connection profile"_s), qPrintable(gone.error));
    }

    void switchProfileWithoutRestart()
    {
        test::TestLabServer lab;
        QVERIFY(lab.start());
        QTemporaryDir data;
        QString error;
        auto first = app::Session::open({QUrl(), QString(), data.path()}, &error);
        QVERIFY2(first, qPrintable(error));
        app::MainWindow window(first.get());
        window.connections()->setProfiles(
            new app::ConnectionProfiles(settingsFile(), secretsDir()));
        window.connections()->setDataDir(data.filePath(u"switched"_s));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.connectionText().startsWith(u"Embedded lab server"_s));
        QTRY_COMPARE_WITH_TIMEOUT(window.locationModel()->rowCount(), 3, 10'000);

        app::ConnectionDialog *dialog = window.openConnectionDialog();
        fillServerProfile(*dialog, u"team"_s, lab.baseUrl(), lab.apiKey());
        QSignalSpy activated(window.connections(), &app::ConnectionController::activated);
        QTest::mouseClick(child<QPushButton>(dialog, u"connect"_s), Qt::LeftButton);
        QVERIFY(activated.wait(10'000));
        QCOMPARE(window.connectionText(),
                 u"Lab server · team (%1)"_s.arg(lab.baseUrl().toString()));
        QVERIFY(window.session() != first.get());
        QCOMPARE(window.session()->client()->connection().baseUrl, lab.baseUrl());
        QCOMPARE(window.connections()->profiles()->activeName(), u"team"_s);
        // The new pages read from the new server.
        const quint64 served = lab.server().requestsServed();
        QTRY_COMPARE_WITH_TIMEOUT(window.locationModel()->rowCount(), 3, 10'000);
        QVERIFY(lab.server().requestsServed() > served);

        // And back to an embedded profile, still without restarting.
        window.connections()->profiles()->save({u"Local"_s, app::ConnectionProfile::Kind::Embedded,
                                                QString(), app::ConnectionProfile::Auth::ApiKey,
                                                QString()});
        window.connections()->activate(u"Local"_s);
        QVERIFY(activated.wait(20'000));
        QVERIFY2(window.connectionText().startsWith(u"Embedded lab server · Local (data in "_s),
                 qPrintable(window.connectionText()));
        QTRY_COMPARE_WITH_TIMEOUT(window.locationModel()->rowCount(), 3, 10'000);

        // A profile without its secret does not switch, and says why.
        window.connections()->profiles()->save({u"empty"_s, app::ConnectionProfile::Kind::Server,
                                                lab.baseUrl().toString(),
                                                app::ConnectionProfile::Auth::ApiKey, QString()});
        QSignalSpy failed(window.connections(), &app::ConnectionController::failed);
        window.connections()->activate(u"empty"_s);
        QVERIFY(failed.wait(5'000));
        QVERIFY2(failed.first().first().toString().contains(u"No secret"_s),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(window.connectionText().startsWith(u"Embedded lab server · Local"_s));
    }

    void longWorkShowsProgressAndCancels()
    {
        test::TestLabServer lab;
        QVERIFY(lab.start());
        models::ApiClient client({lab.baseUrl(), lab.apiKey()});
        app::ActivityIndicator activity;
        auto *pager = new models::ListPager(&client, u"/locations"_s, u"locations"_s,
                                            QUrlQuery(u"pageSize=2"_s), &activity);
        activity.track(pager, u"Loading locations"_s);
        QCOMPARE(activity.count(), 1);
        QSignalSpy page(pager, &models::ListPager::pageReady);
        pager->fetchNext();
        QVERIFY(page.wait(5'000));
        QCOMPARE(activity.text(), u"Loading locations: 2 rows"_s);
        pager->fetchNext();
        QVERIFY(pager->isLoading());
        QTest::mouseClick(activity.cancelButton(), Qt::LeftButton);
        QVERIFY(!pager->isLoading()); // the request in flight was dropped
        QCOMPARE(activity.count(), 0);
        QVERIFY(activity.text().isEmpty());

        // A tracked object that goes away ends its entry by itself.
        auto *other = new QObject;
        activity.track(other, u"Other"_s, [] {});
        QCOMPARE(activity.count(), 1);
        delete other;
        QCOMPARE(activity.count(), 0);
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connection_dialog.moc"
