// The Sequences page against the real lab server: import GenBank → edit → save → export keeps
// every feature; a save after someone else's save reports the conflict; drafts survive.
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "bio/GenBank.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/sequence/DraftStore.h"
#include "models/sequence/SequenceDocument.h"
#include "models/sequence/SequenceRepository.h"
#include "models/store/ResourceStore.h"
#include "widgets/sequence/SequenceEditor.h"
#include "widgets/sequence/SequencesPage.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace benchtop;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

class TestSequenceRoundTrip : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    std::unique_ptr<models::ApiClient> m_client;
    std::unique_ptr<models::ResourceStore> m_store;
    QTemporaryDir m_dir;

    static QStringList names(const bio::Record &record)
    {
        QStringList out;
        for (const bio::Feature &f : record.features)
            if (f.type != u"source"_s)
                out << f.type + u':' + f.displayName();
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
        m_client = std::make_unique<models::ApiClient>(
            models::Connection{m_lab.baseUrl(), m_lab.apiKey(), 10'000});
        m_client->rateLimiter()->setRate(0, 1);
        m_store = std::make_unique<models::ResourceStore>(m_client.get());
        QVERIFY(m_dir.isValid());
    }

    void importEditSaveExportKeepsEveryFeature()
    {
        const QString path = QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/pBR322_J01749.gb");
        const bio::Record original = bio::readGenBankFile(path).records.value(0);
        QVERIFY(original.features.size() > 20);
        widgets::SequencesPage page(m_client.get(), m_store.get());
        page.setDraftFolder(m_dir.filePath(u"drafts"_s));
        QSignalSpy opened(&page, &widgets::SequencesPage::sequenceOpened);
        QString error;
        QVERIFY2(page.importFile(path, &error), qPrintable(error));
        QVERIFY(opened.wait(15'000));
        const QString id = opened.first().first().toString();
        QVERIFY(id.startsWith(u"seq_"_s));
        models::SequenceDocument *doc = page.editor()->document();
        QCOMPARE(doc->record().sequence, original.sequence);
        QCOMPARE(names(doc->record()), names(original));

        // Edit: ten bases before the first feature that starts after 100, so it shifts.
        doc->insertBases(50, "ACGTACGTAC");
        page.save();
        QSignalSpy saved(&page, &widgets::SequencesPage::sequenceSaved);
        QVERIFY(saved.wait(15'000));
        QVERIFY(!doc->isModified());

        // Read it again from the server, as someone else would.
        models::SequenceRepository fresh(m_client.get(), m_store.get());
        QSignalSpy reopened(&fresh, &models::SequenceRepository::opened);
        fresh.open(id);
        QVERIFY(reopened.wait(15'000));
        const bio::Record server = reopened.first().at(1).value<bio::Record>();
        QCOMPARE(server.sequence.size(), original.sequence.size() + 10);
        QCOMPARE(names(server), names(original));

        const QString exported = m_dir.filePath(u"out.gb"_s);
        QVERIFY2(page.exportFile(exported, &error), qPrintable(error));
        const bio::Record back = bio::readGenBankFile(exported).records.value(0);
        QCOMPARE(back.sequence, doc->record().sequence);
        QCOMPARE(names(back), names(original));
        // Every feature after the edit moved by 10; those before stayed.
        QStringList expected, actual;
        for (const bio::Feature &f : original.features)
            if (f.type != u"source"_s)
                expected << u"%1:%2:%3"_s.arg(f.type, f.displayName())
                                .arg(f.location.start() >= 50 ? f.location.start() + 10
                                                              : f.location.start());
        for (const bio::Feature &f : back.features)
            if (f.type != u"source"_s)
                actual << u"%1:%2:%3"_s.arg(f.type, f.displayName()).arg(f.location.start());
        expected.sort();
        actual.sort();
        QCOMPARE(actual, expected);
        const QString fasta = m_dir.filePath(u"out.fasta"_s);
        QVERIFY(page.exportFile(fasta, &error));
        QFile f(fasta);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith('>'));
    }

    void conflictingSaveIsReportedAndOverwriteWins()
    {
        widgets::SequencesPage page(m_client.get(), m_store.get());
        page.setDraftFolder(m_dir.filePath(u"drafts2"_s));
        QSignalSpy opened(&page, &widgets::SequencesPage::sequenceOpened);
        QString error;
        QVERIFY(page.importFile(QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/pUC19_M77789.gb"),
                                &error));
        QVERIFY(opened.wait(15'000));
        const QString id = page.currentId();
        // Someone else saves meanwhile (the server's modifiedAt moves on).
        QTest::qWait(1100); // modifiedAt has a resolution of a second or less
        const ApiResponse other =
            m_api->patch(u"/dna-sequences/"_s + id, {{u"name"_s, u"theirs"_s}});
        QCOMPARE(other.status, 200);
        page.editor()->document()->insertBases(0, "GGG");
        QSignalSpy conflict(&page, &widgets::SequencesPage::conflictDetected);
        page.save();
        QVERIFY(conflict.wait(15'000));
        const QByteArray before =
            m_api->get(u"/dna-sequences/"_s + id).json[u"bases"_s].toString().toLatin1();
        QVERIFY(!before.startsWith("GGG")); // not saved
        QSignalSpy saved(&page, &widgets::SequencesPage::sequenceSaved);
        page.save(true);
        QVERIFY(saved.wait(15'000));
        QVERIFY(
            m_api->get(u"/dna-sequences/"_s + id).json[u"bases"_s].toString().startsWith(u"GGG"_s));
    }

    void draftsRoundTrip()
    {
        models::SequenceDraftStore drafts(m_dir.filePath(u"drafts3"_s));
        bio::Record record =
            bio::readGenBankFile(QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/pUC19_M77789.gb"))
                .records.value(0);
        QVERIFY(drafts.write(u"seq_x"_s, record, u"2026-01-01T00:00:00Z"_s));
        QCOMPARE(drafts.ids(), QStringList{u"seq_x"_s});
        const auto back = drafts.read(u"seq_x"_s);
        QVERIFY(back.has_value());
        QCOMPARE(back->record.sequence, record.sequence);
        QCOMPARE(back->record.features.size(), record.features.size());
        QCOMPARE(back->baseModifiedAt, u"2026-01-01T00:00:00Z"_s);
        drafts.remove(u"seq_x"_s);
        QVERIFY(!drafts.read(u"seq_x"_s).has_value());
    }
};

QTEST_MAIN(TestSequenceRoundTrip)
#include "tst_ui_sequence_roundtrip.moc"
