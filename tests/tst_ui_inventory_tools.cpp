// The inventory tools of issue #5 against a real lab server (TestLabServer): creating boxes,
// plates and tubes through the dialogs (checked in the server's database, refusals included),
// labels with real barcodes (Zint symbols decoded by zbarimg), box maps as CSV and PDF, and the
// barcode search with a keyboard wedge typing at scanner speed.
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/inventory/BarcodeLookup.h"
#include "models/inventory/InventoryCreator.h"
#include "models/store/ResourceStore.h"
#include "server/storage/Database.h"
#include "widgets/inventorytools/BarcodeSearch.h"
#include "widgets/inventorytools/BarcodeSymbol.h"
#include "widgets/inventorytools/BoxMapExport.h"
#include "widgets/inventorytools/InventoryDialogs.h"
#include "widgets/inventorytools/InventoryTools.h"
#include "widgets/inventorytools/LabelSheet.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop;
using namespace benchtop::models;
using namespace benchtop::widgets;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

class TestInventoryTools : public QObject
{
    Q_OBJECT

private:
    QString scalar(const QString &sql, const QVariantList &args = {})
    {
        QSqlQuery query = m_lab->database().exec(sql, args);
        return query.next() ? query.value(0).toString() : QString();
    }
    int count(const QString &sql, const QVariantList &args = {})
    {
        return scalar(sql, args).toInt();
    }
    QString schemaId(const QString &name)
    {
        return scalar(u"SELECT id FROM schemas WHERE name = ?"_s, {name});
    }
    // A fresh 9×9 box on the rack, made through the API (and held in the store).
    QString makeBox(const QString &name)
    {
        const auto box = m_api->post(u"/boxes"_s, {{u"name"_s, name},
                                                   {u"schemaId"_s, schemaId(u"9×9 box"_s)},
                                                   {u"parentStorageId"_s, m_rackId}});
        m_store->upsert(box.json);
        return box.json.value(u"id"_s).toString();
    }
    int tubesIn(const QString &id)
    {
        return count(u"SELECT COUNT(*) FROM resources WHERE parent_id = ? AND kind = 'container'"_s,
                     {id});
    }
    // zbarimg's decoding of `image`, or a null string when zbarimg is missing.
    QString decode(const QImage &image)
    {
        const QString zbar = QStandardPaths::findExecutable(u"zbarimg"_s);
        if (zbar.isEmpty())
            return {};
        const QString file = m_dir.filePath(u"symbol.png"_s);
        image.save(file);
        QProcess process;
        process.start(zbar, {u"--raw"_s, u"-q"_s, file});
        process.waitForFinished(20'000);
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

    std::unique_ptr<TestLabServer> m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<ResourceStore> m_store;
    std::unique_ptr<QWidget> m_window;
    InventoryTools *m_tools = nullptr;
    QString m_rackId;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        m_lab = std::make_unique<TestLabServer>();
        QVERIFY(m_lab->start());
        m_api = std::make_unique<ApiTestClient>(m_lab->baseUrl(), m_lab->apiKey());
        m_client =
            std::make_unique<ApiClient>(Connection{m_lab->baseUrl(), m_lab->apiKey(), 30'000});
        m_client->rateLimiter()->setRate(0, 1);
        m_store = std::make_unique<ResourceStore>(m_client.get());
        m_window = std::make_unique<QWidget>();
        m_tools = new InventoryTools(m_client.get(), m_store.get(), m_window.get());
        const auto rack = m_api->get(u"/locations?barcodes=FRZ-001-S3-RA"_s);
        QCOMPARE(rack.status, 200);
        m_rackId = rack.json[u"locations"_s][0][u"id"_s].toString();
        QVERIFY(!m_rackId.isEmpty());
        // The location tree would have listed these; the box dialog offers what the store holds.
        for (const QJsonValue &location :
             m_api->get(u"/locations?pageSize=100"_s).json.value(u"locations"_s).toArray())
            m_store->upsert(location.toObject());
        QSignalSpy ready(m_tools->creator(), &InventoryCreator::schemasReady);
        m_tools->creator()->loadSchemas();
        QVERIFY(ready.wait());
    }

    // ---- pure helpers ----

    void rangesAndPatterns()
    {
        QString error;
        const auto twelve = InventoryCreator::positionsInRange(u"A1–C12"_s, 8, 12, &error);
        QVERIFY(twelve);
        QCOMPARE(twelve->size(), 36);
        QCOMPARE(twelve->first(), u"A1"_s);
        QCOMPARE(twelve->at(12), u"B1"_s);
        QCOMPARE(twelve->last(), u"C12"_s);
        QCOMPARE(InventoryCreator::positionsInRange(u"b2-b2"_s, 9, 9, &error)->join(u','), u"B2"_s);
        QVERIFY(!InventoryCreator::positionsInRange(u"A1-J1"_s, 9, 9, &error));
        QVERIFY2(error.contains(u"J1"_s) && error.contains(u"I9"_s), qPrintable(error));
        QVERIFY(!InventoryCreator::positionsInRange(u"A1-B2-C3"_s, 9, 9, &error));
        QCOMPARE(InventoryCreator::applyPattern(u"Sample {n}"_s, 7, u"B3"_s), u"Sample 7"_s);
        QCOMPARE(InventoryCreator::applyPattern(u"S-{n:4}/{pos}"_s, 7, u"B3"_s), u"S-0007/B3"_s);
        QCOMPARE(InventoryCreator::applyPattern(u"{x} {n:2}{n}"_s, 3, {}), u"{x} 033"_s);
    }

    // ---- 1. create ----

    void createBoxThroughTheDialog()
    {
        const int boxesBefore = count(u"SELECT COUNT(*) FROM resources WHERE kind = 'box'"_s);
        CreateStorageDialog *dialog = m_tools->newBox(m_rackId);
        QCOMPARE(dialog->parentBox()->currentData().toString(), m_rackId);
        QVERIFY(dialog->schemaBox()->count() >= 2);
        dialog->nameEdit()->setText(u"Competent cells"_s);
        dialog->schemaBox()->setCurrentIndex(dialog->schemaBox()->findText(u"10×10 box"_s));
        dialog->barcodeEdit()->setText(u"BOX-NEW-1"_s);
        QSignalSpy created(dialog, &CreateStorageDialog::created);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QVERIFY(created.wait());
        const QString id = created.first().first().toJsonObject().value(u"id"_s).toString();
        QCOMPARE(scalar(u"SELECT name FROM resources WHERE id = ?"_s, {id}), u"Competent cells"_s);
        QCOMPARE(scalar(u"SELECT barcode FROM resources WHERE id = ?"_s, {id}), u"BOX-NEW-1"_s);
        QCOMPARE(scalar(u"SELECT parent_id FROM resources WHERE id = ?"_s, {id}), m_rackId);
        QCOMPARE(scalar(u"SELECT schema_id FROM resources WHERE id = ?"_s, {id}),
                 schemaId(u"10×10 box"_s));
        QVERIFY(m_store->contains(id));
        QCOMPARE(count(u"SELECT COUNT(*) FROM resources WHERE kind = 'box'"_s), boxesBefore + 1);
        delete dialog;
    }

    void createBoxRefusedShowsTheServersReason()
    {
        const int boxesBefore = count(u"SELECT COUNT(*) FROM resources WHERE kind = 'box'"_s);
        CreateStorageDialog *dialog = m_tools->newBox(m_rackId);
        dialog->nameEdit()->setText(u"Duplicate"_s);
        dialog->barcodeEdit()->setText(u"BOX-0001"_s); // the demo's minipreps box has it
        QSignalSpy created(dialog, &CreateStorageDialog::created);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog->errorText().isEmpty());
        QVERIFY2(dialog->errorText().contains(u"BOX-0001"_s), qPrintable(dialog->errorText()));
        QCOMPARE(created.size(), 0);
        QVERIFY(dialog->createButton()->isEnabled()); // fix it and try again
        QCOMPARE(count(u"SELECT COUNT(*) FROM resources WHERE kind = 'box'"_s), boxesBefore);
        // Fixed, the same dialog creates it.
        dialog->barcodeEdit()->setText(u"BOX-NEW-2"_s);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QVERIFY(created.wait());
        QCOMPARE(count(u"SELECT COUNT(*) FROM resources WHERE kind = 'box'"_s), boxesBefore + 1);
        delete dialog;
    }

    void createPlates_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<int>("wells");
        QTest::newRow("96-well plate") << u"96-well plate"_s << 96;
        QTest::newRow("96 matrix rack") << u"96 matrix rack"_s << 0;
    }

    void createPlates()
    {
        QFETCH(QString, schema);
        QFETCH(int, wells);
        CreateStorageDialog *dialog = m_tools->newPlate(m_rackId);
        dialog->nameEdit()->setText(QString(u"New "_s + schema));
        dialog->schemaBox()->setCurrentIndex(dialog->schemaBox()->findText(schema));
        QSignalSpy created(dialog, &CreateStorageDialog::created);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QVERIFY(created.wait());
        const QString id = created.first().first().toJsonObject().value(u"id"_s).toString();
        QVERIFY(id.startsWith(u"plt_"_s));
        QCOMPARE(scalar(u"SELECT kind FROM resources WHERE id = ?"_s, {id}), u"plate"_s);
        QCOMPARE(tubesIn(id), wells); // a well plate comes with its wells; a matrix rack empty
        delete dialog;
    }

    void fillABoxWithTubesInOneTask()
    {
        const QString box = makeBox(u"Fill me"_s);
        CreateTubesDialog *dialog = m_tools->fillWithTubes(box);
        QVERIFY(dialog);
        QCOMPARE(dialog->rangeEdit()->text(), u"A1-I9"_s); // the whole 9×9 box by default
        dialog->rangeEdit()->setText(u"A1-C9"_s);
        dialog->namePatternEdit()->setText(u"Sample {n}"_s);
        dialog->barcodePatternEdit()->setText(u"FILL-{n:4}"_s);
        QVERIFY2(dialog->previewText().startsWith(u"27 tubes: Sample 1 (A1, FILL-0001)"_s),
                 qPrintable(dialog->previewText()));
        QVERIFY(dialog->createButton()->isEnabled());
        QSignalSpy created(dialog, &CreateTubesDialog::created);
        const int tasksBefore = count(u"SELECT COUNT(*) FROM tasks"_s);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QVERIFY(!dialog->progressBar()->isHidden()); // busy until the task ends
        QVERIFY(created.wait(20'000));
        QCOMPARE(created.first().first().toJsonArray().size(), 27);
        QCOMPARE(count(u"SELECT COUNT(*) FROM tasks"_s), tasksBefore + 1); // one task for all
        QCOMPARE(tubesIn(box), 27);
        QCOMPARE(
            scalar(u"SELECT name FROM resources WHERE parent_id = ? AND position = 'A1'"_s, {box}),
            u"Sample 1"_s);
        QCOMPARE(scalar(u"SELECT barcode FROM resources WHERE parent_id = ? AND position = 'C9'"_s,
                        {box}),
                 u"FILL-0027"_s);
        QCOMPARE(
            scalar(u"SELECT name FROM resources WHERE parent_id = ? AND position = 'B1'"_s, {box}),
            u"Sample 10"_s);
        delete dialog;
    }

    void aRefusedFillCreatesNothingAndNamesEachPosition()
    {
        const QString box = makeBox(u"Half full"_s);
        // B2 is taken, and one barcode of the fill already exists.
        QCOMPARE(m_api
                     ->post(u"/containers"_s, {{u"name"_s, u"In the way"_s},
                                               {u"schemaId"_s, schemaId(u"Tube"_s)},
                                               {u"parentStorageId"_s, QString(box + u":B2")}})
                     .status,
                 201);
        CreateTubesDialog *dialog = m_tools->fillWithTubes(box);
        QVERIFY(dialog);
        dialog->rangeEdit()->setText(u"A1-C3"_s);
        dialog->barcodePatternEdit()->setText(u"TUB-{n:5}"_s); // TUB-00001 .. exist in the demo
        dialog->firstNumberBox()->setValue(1);
        QSignalSpy created(dialog, &CreateTubesDialog::created);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), 20'000);
        QCOMPARE(created.size(), 0);
        QVERIFY2(dialog->errorText().contains(u"nothing was saved"_s, Qt::CaseInsensitive),
                 qPrintable(dialog->errorText()));
        QVERIFY(!dialog->refusalList()->isHidden());
        QStringList refusals;
        for (int i = 0; i < dialog->refusalList()->count(); ++i)
            refusals.append(dialog->refusalList()->item(i)->text());
        // Every tube was refused for its barcode; B2 also for its position.
        QCOMPARE(refusals.size(), 9);
        QVERIFY2(refusals.first().startsWith(u"A1: "_s) &&
                     refusals.first().contains(u"TUB-00001"_s),
                 qPrintable(refusals.first()));
        QVERIFY2(refusals.at(4).startsWith(u"B2: "_s), qPrintable(refusals.join(u'\n')));
        QCOMPARE(tubesIn(box), 1); // nothing saved
        // Without the clashing barcodes, the occupied position alone is refused.
        dialog->barcodePatternEdit()->clear();
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->refusalList()->count() == 1, 20'000);
        const QString only = dialog->refusalList()->item(0)->text();
        QVERIFY2(only.startsWith(u"B2: "_s) && only.contains(u"B2"_s), qPrintable(only));
        QCOMPARE(tubesIn(box), 1);
        delete dialog;
    }

    void cancelStopsFollowingAndSaysSo()
    {
        const QString box = makeBox(u"Cancelled fill"_s);
        CreateTubesDialog *dialog = m_tools->fillWithTubes(box);
        QVERIFY(dialog);
        dialog->rangeEdit()->setText(u"A1-I9"_s);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QVERIFY(dialog->operation());
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QVERIFY(!dialog->operation());
        QVERIFY(!dialog->errorText().isEmpty());
        QVERIFY(dialog->createButton()->isEnabled());
        // Once cancelled before the server answered, or after: the box is all or nothing.
        QTRY_VERIFY_WITH_TIMEOUT(tubesIn(box) == 0 || tubesIn(box) == 81, 10'000);
        delete dialog;
    }

    // ---- 2. labels ----

    void zintSymbols()
    {
        const BarcodeSymbol code(BarcodeSymbol::Type::Code128, u"TUB-00042"_s);
        QVERIFY2(code.isValid(), qPrintable(code.error()));
        QCOMPARE(code.rows(), 1);
        // Code 128: 11 modules a symbol (start, data, check) and a 13-module stop pattern.
        QCOMPARE(code.columns() % 11, 2);
        QVERIFY(code.columns() >= 11 * 4 + 13);
        QCOMPARE(code.humanReadableText(), u"TUB-00042"_s);
        QVERIFY(code.module(0, 0));                  // the start pattern begins with a bar
        QVERIFY(code.module(0, code.columns() - 1)); // the stop pattern ends with one
        const BarcodeSymbol qr(BarcodeSymbol::Type::QrCode, u"con_ABC123"_s);
        QVERIFY(qr.isValid());
        QCOMPARE(qr.rows(), 21); // version 1
        QCOMPARE(qr.columns(), 21);
        QVERIFY(qr.module(0, 0) && qr.module(6, 6) && !qr.module(1, 1)); // a finder pattern
        const BarcodeSymbol bad(BarcodeSymbol::Type::Code128, {});
        QVERIFY(!bad.isValid());
    }

    void symbolsDecode_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("data");
        QTest::newRow("code128") << int(BarcodeSymbol::Type::Code128) << u"TUB-00042"_s;
        QTest::newRow("code128 digits") << int(BarcodeSymbol::Type::Code128) << u"1234567890"_s;
        QTest::newRow("qr") << int(BarcodeSymbol::Type::QrCode) << u"con_ABC123 Plasmid #1"_s;
    }

    void symbolsDecode()
    {
        QFETCH(int, type);
        QFETCH(QString, data);
        if (QStandardPaths::findExecutable(u"zbarimg"_s).isEmpty())
            QSKIP("zbarimg (zbar-tools, scripts/setup.sh) is not installed");
        const BarcodeSymbol symbol(BarcodeSymbol::Type(type), data);
        // Zint's own raster image.
        QCOMPARE(decode(symbol.image(4)), data);
        // And our painting, as the PDF gets it, rasterised.
        QImage painted(600, 300, QImage::Format_RGB32);
        painted.fill(Qt::white);
        {
            QPainter painter(&painted);
            symbol.paint(&painter, QRectF(20, 20, 560, 260));
        }
        QCOMPARE(decode(painted), data);
    }

    void labelsToPdf()
    {
        QList<LabelData> labels;
        for (int i = 0; i < 30; ++i)
            labels.append({u"Sample %1"_s.arg(i + 1), u"S-%1"_s.arg(i + 1, 4, 10, QChar(u'0')),
                           u"Box 1 · A%1"_s.arg(i + 1)});
        for (const auto symbology : {BarcodeSymbol::Type::Code128, BarcodeSymbol::Type::QrCode}) {
            const QString path = m_dir.filePath(u"labels.pdf"_s);
            LabelLayout layout;
            layout.symbology = symbology;
            QString error;
            QCOMPARE(printLabelsToPdf(labels, path, layout, &error), 2); // 24 a page
            QFile pdf(path);
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            const QByteArray bytes = pdf.readAll();
            QVERIFY(bytes.startsWith("%PDF-"));
            static const QRegularExpression page(u"/Type\\s*/Page(?!s)"_s);
            QCOMPARE(int(QString::fromLatin1(bytes).count(page)), 2);
        }
        QString error;
        QCOMPARE(printLabelsToPdf({}, m_dir.filePath(u"none.pdf"_s), {}, &error), -1);
        QVERIFY(!error.isEmpty());
        QCOMPARE(printLabelsToPdf(labels, u"/nonexistent/dir/x.pdf"_s, {}, &error), -1);
        QVERIFY(error.contains(u"/nonexistent/dir/x.pdf"_s));
    }

    void printLabelsForABox()
    {
        const QString box = scalar(u"SELECT id FROM resources WHERE barcode = 'BOX-0001'"_s);
        const int tubes = tubesIn(box); // 14 minipreps
        QVERIFY(tubes > 0);
        const QString path = m_dir.filePath(u"box-labels.pdf"_s);
        QSignalSpy done(m_tools, &InventoryTools::done);
        m_tools->printLabels(box, path);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20'000);
        QVERIFY2(done.first().at(1).toBool(), qPrintable(done.first().at(2).toString()));
        QVERIFY2(done.first().at(2).toString().contains(QString::number(tubes + 1)),
                 qPrintable(done.first().at(2).toString()));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        static const QRegularExpression page(u"/Type\\s*/Page(?!s)"_s);
        QCOMPARE(int(QString::fromLatin1(pdf.readAll()).count(page)),
                 LabelLayout().pagesFor(tubes + 1));
    }

    // ---- 3. box map ----

    void boxMapCsvAndPdf()
    {
        const QString box = scalar(u"SELECT id FROM resources WHERE barcode = 'BOX-0001'"_s);
        const QString csvPath = m_dir.filePath(u"map.csv"_s);
        QSignalSpy done(m_tools, &InventoryTools::done);
        m_tools->exportBoxMap(box, csvPath, false);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20'000);
        QVERIFY2(done.first().at(1).toBool(), qPrintable(done.first().at(2).toString()));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(csv.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), u"position,id,name,barcode,contents,quantity"_s);
        QCOMPARE(lines.size(), 1 + 81); // every position of the 9×9 box
        int filled = 0;
        QSqlQuery query = m_lab->database().exec(
            u"SELECT id, name, barcode, position FROM resources WHERE parent_id = ? AND kind = "
            "'container'"_s,
            {box});
        while (query.next()) {
            ++filled;
            const QString position = query.value(3).toString();
            const QString line =
                lines.value(lines.indexOf(QRegularExpression(position + u",.*"_s)));
            QVERIFY2(line.startsWith(position + u',' + query.value(0).toString() + u','),
                     qPrintable(line));
            QVERIFY2(line.contains(query.value(2).toString()), qPrintable(line));
        }
        QCOMPARE(filled, tubesIn(box));
        // A1 holds the first miniprep: 50 uL of a plasmid at 120 ng/uL.
        const QString a1 = lines.at(1);
        QVERIFY2(a1.startsWith(u"A1,con_"_s) && a1.contains(u"TUB-00001"_s) &&
                     a1.endsWith(u",50 uL"_s) && a1.contains(u"(120 ng/uL)"_s),
                 qPrintable(a1));
        QVERIFY2(lines.at(81).startsWith(u"I9,,"_s), qPrintable(lines.at(81))); // empty

        const QString pdfPath = m_dir.filePath(u"map.pdf"_s);
        m_tools->exportBoxMap(box, pdfPath, true);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 20'000);
        QVERIFY(done.last().at(1).toBool());
        QFile pdf(pdfPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        static const QRegularExpression page(u"/Type\\s*/Page(?!s)"_s);
        QCOMPARE(int(QString::fromLatin1(bytes).count(page)), 1);
        // A box that does not exist: a clear failure, no file.
        m_tools->exportBoxMap(u"box_nope"_s, m_dir.filePath(u"nope.csv"_s), false);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 20'000);
        QVERIFY(!done.last().at(1).toBool());
        QVERIFY(!QFile::exists(m_dir.filePath(u"nope.csv"_s)));
    }

    // ---- 4. barcode search ----

    void scannerWedgeRevealsTheTubesBox()
    {
        BarcodeSearchBar *bar = m_tools->showBarcodeSearch();
        QVERIFY(bar);
        QSignalSpy scanned(bar->field(), &ScannerSearchField::scanned);
        QSignalSpy typed(bar->field(), &ScannerSearchField::searchRequested);
        QSignalSpy reveal(m_tools, &InventoryTools::revealRequested);
        // A wedge: the whole barcode at once, then Enter.
        QTest::keyClicks(bar->field(), u"TUB-00003"_s, Qt::NoModifier, 0);
        QTest::keyClick(bar->field(), Qt::Key_Return);
        QCOMPARE(scanned.size(), 1);
        QCOMPARE(typed.size(), 0);
        QCOMPARE(scanned.first().first().toString(), u"TUB-00003"_s);
        QVERIFY(reveal.wait());
        const auto hit = reveal.first().first().value<LookupHit>();
        QCOMPARE(hit.kind, u"container"_s);
        QCOMPARE(hit.id, scalar(u"SELECT id FROM resources WHERE barcode = 'TUB-00003'"_s));
        QCOMPARE(hit.storageId, scalar(u"SELECT id FROM resources WHERE barcode = 'BOX-0001'"_s));
        QVERIFY(m_store->contains(hit.id));
        // The next scan replaces the last one (the field selected it).
        QTest::keyClicks(bar->field(), u"BOX-0002"_s, Qt::NoModifier, 0);
        QTest::keyClick(bar->field(), Qt::Key_Return);
        QVERIFY2(scanned.size() == 2,
                 qPrintable(bar->field()->text() + u" / " + QString::number(typed.size())));
        QCOMPARE(scanned.last().first().toString(), u"BOX-0002"_s);
        QVERIFY(reveal.wait());
        QCOMPARE(reveal.last().first().value<LookupHit>().kind, u"box"_s);
        QCOMPARE(reveal.last().first().value<LookupHit>().storageId,
                 scalar(u"SELECT parent_id FROM resources WHERE barcode = 'BOX-0002'"_s));
        // A plate and a location by barcode, too.
        for (const auto &[barcode, kind] : QList<std::pair<QString, QString>>{
                 {u"PLT-0001"_s, u"plate"_s}, {u"FRZ-001-S3-RA"_s, u"location"_s}}) {
            bar->field()->selectAll();
            QTest::keyClicks(bar->field(), barcode, Qt::NoModifier, 0);
            QTest::keyClick(bar->field(), Qt::Key_Return);
            QVERIFY(reveal.wait());
            QCOMPARE(reveal.last().first().value<LookupHit>().kind, kind);
        }
        // An unknown barcode: said so, nothing revealed.
        const qsizetype reveals = reveal.size();
        bar->field()->selectAll();
        QTest::keyClicks(bar->field(), u"NOPE-999"_s, Qt::NoModifier, 0);
        QTest::keyClick(bar->field(), Qt::Key_Return);
        QTRY_VERIFY(bar->statusText().contains(u"NOPE-999"_s) &&
                    bar->statusText().startsWith(u"No tube"_s));
        QCOMPARE(reveal.size(), reveals);
    }

    void typingSlowlyIsASearchByName()
    {
        BarcodeSearchBar *bar = m_tools->showBarcodeSearch();
        bar->field()->clear();
        QSignalSpy scanned(bar->field(), &ScannerSearchField::scanned);
        QSignalSpy typed(bar->field(), &ScannerSearchField::searchRequested);
        QSignalSpy reveal(m_tools, &InventoryTools::revealRequested);
        QTest::keyClicks(bar->field(), u"Glycerol"_s, Qt::NoModifier, 90); // a person's pace
        QTest::keyClick(bar->field(), Qt::Key_Return, Qt::NoModifier, 90);
        QCOMPARE(scanned.size(), 0);
        QCOMPARE(typed.size(), 1);
        QTRY_VERIFY2_WITH_TIMEOUT(reveal.size() == 1, qPrintable(bar->statusText()), 10'000);
        const auto hit = reveal.first().first().value<LookupHit>();
        QVERIFY2(
            hit.resource.value(u"name"_s).toString().contains(u"glycerol"_s, Qt::CaseInsensitive),
            qPrintable(hit.resource.value(u"name"_s).toString()));
    }
};

QTEST_MAIN(TestInventoryTools)
#include "tst_ui_inventory_tools.moc"
