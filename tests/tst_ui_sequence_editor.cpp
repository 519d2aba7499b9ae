// The sequence editor's document, view and find bar: typing, the feature policy, undo, copy and
// paste with features, find, selection info, and its feature model under the model tester.
#include "SequenceTestRecords.h"
#include "bio/GenBank.h"
#include "models/sequence/FeatureListModel.h"
#include "models/sequence/SequenceClipboard.h"
#include "models/sequence/SequenceDocument.h"
#include "widgets/Qsci.h"
#include "widgets/sequence/FindBar.h"
#include "widgets/sequence/SequenceEditor.h"
#include "widgets/sequence/SequenceView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QToolBar>

using namespace benchtop;
using benchtop::test::feature;
using benchtop::test::span;
using namespace Qt::StringLiterals;

namespace {

bio::Record plasmid()
{
    bio::Record r;
    r.name = u"test"_s;
    r.topology = bio::Topology::Circular;
    // 40 bases; an EcoRI site (GAATTC) at 10.
    r.sequence = "ATGCATGCATGAATTCAAAACCCCGGGGTTTTATATCGCG";
    r.features = {feature(u"a"_s, 4, 12), feature(u"b"_s, 20, 30, bio::Strand::Reverse)};
    return r;
}

bio::Record pUC19()
{
    const bio::GenBankResult read =
        bio::readGenBankFile(QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/pUC19_M77789.gb"));
    return read.records.value(0);
}

} // namespace

class TestSequenceEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingInsertsCheckedBasesAndUndoRestores()
    {
        widgets::SequenceEditor editor;
        models::SequenceDocument *doc = editor.document();
        doc->setRecord(plasmid());
        editor.resize(900, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        widgets::SequenceView *view = editor.view();
        view->setFocus();
        doc->setSelection(2, 2);
        QTest::keyClicks(view, u"gat"_s);
        QCOMPARE(doc->record().sequence.left(8), QByteArray("ATGATGCA"));
        QCOMPARE(doc->length(), 43);
        QCOMPARE(doc->selectionStart(), 5);
        // Feature a (4..12) began after the insertion point: it moved by 3.
        QCOMPARE(doc->record().features[0].location.spans[0].start, 7);
        // A letter that is no IUPAC nucleotide is refused, with a message, and nothing changes.
        QSignalSpy messages(&editor, &widgets::SequenceEditor::message);
        QTest::keyClick(view, Qt::Key_J);
        QCOMPARE(doc->length(), 43);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().first().toString().contains(u"J"_s));
        // IUPAC codes are fine.
        QTest::keyClick(view, Qt::Key_N);
        QCOMPARE(doc->record().sequence.at(5), 'N');
        QTest::keyClick(view, Qt::Key_Backspace);
        QCOMPARE(doc->length(), 43);
        // Undo everything with the keyboard: the record is the original again.
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->record(), plasmid());
        QVERIFY(!doc->isModified());
        doc->undoStack()->redo();
        QCOMPARE(doc->length(), 41);
    }

    void featurePolicyGrowsShrinksSplitsAndUndoes()
    {
        models::SequenceDocument doc;
        doc.setRecord(plasmid());
        doc.insertBases(6, "TTT"); // inside a (4..12): grows
        QCOMPARE(doc.record().features[0].location.spans[0], span(4, 15));
        QCOMPARE(doc.record().features[1].location.spans[0].start, 23); // shifted
        doc.insertBases(15, "C"); // just after a's end: a does not grow
        QCOMPARE(doc.record().features[0].location.spans[0].end, 15);
        doc.removeBases(10, 25); // across a's end and b's start: both shrink
        QCOMPARE(doc.record().features[0].location.spans[0], span(4, 10));
        QCOMPARE(doc.record().features[1].location.spans[0].start, 10);
        QCOMPARE(doc.record().features[1].location.spans[0].end, 19);
        doc.removeBases(3, 12); // all of a goes: a is deleted
        QCOMPARE(doc.record().features.size(), 1);
        QCOMPARE(doc.record().features[0].displayName(), u"b"_s);
        doc.setInsertPolicy(models::InsertInside::Split);
        doc.insertBases(5, "GG"); // inside b: split into two spans, joined
        QCOMPARE(doc.record().features[0].location.spans.size(), 2);
        QCOMPARE(doc.record().features[0].location.op, bio::Location::Operator::Join);
        while (doc.undoStack()->canUndo())
            doc.undoStack()->undo();
        QCOMPARE(doc.record(), plasmid());
        while (doc.undoStack()->canRedo())
            doc.undoStack()->redo();
        QCOMPARE(doc.record().features.size(), 1);
    }

    void wholeSequenceEditsUndo()
    {
        models::SequenceDocument doc;
        doc.setRecord(plasmid());
        doc.reverseComplementAll();
        QCOMPARE(doc.record().sequence, bio::reverseComplement(plasmid().sequence));
        QCOMPARE(doc.record().features[0].location.spans[0], span(28, 36, bio::Strand::Reverse));
        doc.setOrigin(30); // a (28..36) now crosses the origin: two spans
        QCOMPARE(doc.record().features[0].location.spans.size(), 2);
        doc.setOrigin(10); // back where it came from (30 + 10 = 40): one span again
        QCOMPARE(doc.record().features[0].location.spans.size(), 1);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QCOMPARE(doc.record(), plasmid());
    }

    void copyAndPasteCarryFeatures()
    {
        widgets::SequenceEditor editor;
        models::SequenceDocument *doc = editor.document();
        doc->setRecord(plasmid());
        editor.show();
        widgets::SequenceView *view = editor.view();
        view->setFocus();
        doc->setSelection(2, 14); // all of a (4..12)
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        const QMimeData *mime = QApplication::clipboard()->mimeData();
        QVERIFY(mime);
        QCOMPARE(mime->text(), u"GCATGCATGAAT"_s);
        QVERIFY(mime->hasFormat(QString::fromLatin1(models::kSequenceMimeType)));
        doc->setSelection(40, 40);
        QTest::keyClick(view, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(doc->length(), 52);
        QCOMPARE(doc->record().sequence.mid(40), QByteArray("GCATGCATGAAT"));
        QCOMPARE(doc->record().features.size(), 3);
        QCOMPARE(doc->record().features[2].displayName(), u"a"_s);
        QCOMPARE(doc->record().features[2].location.spans[0].start, 42);
        QCOMPARE(doc->record().features[2].location.spans[0].end, 50);
        // One undo removes the bases and the pasted feature.
        doc->undoStack()->undo();
        QCOMPARE(doc->record(), plasmid());
        // Plain text from elsewhere pastes as bases (digits and spaces of a GenBank block
        // dropped); text with a non-IUPAC letter pastes nothing.
        QApplication::clipboard()->setText(u"1 acgt acgt"_s);
        doc->setSelection(0, 0);
        view->paste();
        QCOMPARE(doc->record().sequence.left(8), QByteArray("ACGTACGT"));
        QApplication::clipboard()->setText(u"ACGJ"_s);
        QSignalSpy messages(view, &widgets::SequenceView::message);
        view->paste();
        QCOMPARE(doc->length(), 48);
        QCOMPARE(messages.size(), 1);
        // Reverse complement copy.
        doc->setSelection(0, 4);
        view->copyReverseComplement();
        QCOMPARE(QApplication::clipboard()->text(), u"ACGT"_s);
        doc->setSelection(8, 17); // ATGCATGCA
        view->copyTranslation();
        QCOMPARE(QApplication::clipboard()->text(), u"MHA"_s);
    }

    void findBasesAminoAcidsAndFeatures()
    {
        widgets::SequenceEditor editor;
        models::SequenceDocument *doc = editor.document();
        doc->setRecord(plasmid());
        widgets::FindBar *find = editor.findBar();
        QTest::keyClicks(find->patternEdit(), u"GAATTC"_s);
        QCOMPARE(find->hits().size(), 1);
        QCOMPARE(find->hits().first().start, 10);
        QCOMPARE(editor.view()->highlights().size(), 1);
        // IUPAC and both strands: ATGCAT is its own reverse complement; GCATG is not.
        find->setPattern(u"CATGC"_s);
        const QList<bio::SearchHit> both = find->hits();
        QVERIFY(std::any_of(both.begin(), both.end(), [](const bio::SearchHit &h) {
            return h.strand == bio::Strand::Reverse;
        }));
        // GNATTC is not its own reverse complement (GAATNC): the EcoRI site matches on both
        // strands, so it is two hits at 10.
        find->setPattern(u"GNATTC"_s);
        QCOMPARE(find->hits().size(), 2);
        QCOMPARE(find->hits()[1].start, 10);
        QCOMPARE(find->hits()[1].strand, bio::Strand::Reverse);
        QTest::keyClick(find->patternEdit(), Qt::Key_Return);
        QCOMPARE(doc->selectionStart(), 10);
        QCOMPARE(doc->selectionEnd(), 16);
        find->setMode(widgets::FindBar::Mode::AminoAcids);
        find->setPattern(u"MHA"_s); // ATG CAT GCA at 0
        QVERIFY(!find->hits().isEmpty());
        QCOMPARE(find->hits().first().start, 0);
        find->setMode(widgets::FindBar::Mode::Features);
        find->setPattern(u"B"_s);
        QCOMPARE(find->hits().size(), 1);
        find->next();
        QCOMPARE(doc->selectionStart(), 20);
        QCOMPARE(doc->selectionEnd(), 30);
        find->positionEdit()->setText(u"33"_s);
        QTest::keyClick(find->positionEdit(), Qt::Key_Return);
        QCOMPARE(doc->selectionStart(), 32);
        find->positionEdit()->setText(u"99"_s);
        QTest::keyClick(find->positionEdit(), Qt::Key_Return);
        QCOMPARE(doc->selectionStart(), 32);
        QVERIFY(find->status().contains(u"40"_s));
    }

    void selectionInfoShowsRangeLengthTmGcAndWeight()
    {
        widgets::SequenceEditor editor;
        models::SequenceDocument *doc = editor.document();
        doc->setRecord(plasmid());
        doc->setSelection(16, 36); // 20 bases: AAAACCCCGGGGTTTTATAT
        const QString info = editor.selectionText();
        QVERIFY2(info.contains(u"17–36"_s), qPrintable(info));
        QVERIFY2(info.contains(u"20 bp"_s), qPrintable(info));
        QVERIFY2(info.contains(u"Tm "_s), qPrintable(info));
        QVERIFY2(info.contains(u"GC 40.0 %"_s), qPrintable(info));
        QVERIFY2(info.contains(u"MW "_s), qPrintable(info));
        doc->setSelection(5, 5);
        QVERIFY(editor.selectionText().startsWith(u"Position 6 of 40"_s));
        // Selecting with the mouse: drag over the first row.
        editor.resize(900, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        widgets::SequenceView *view = editor.view();
        const int y = view->pointOf(0).y();
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, QPoint(1, y));
        const qint64 from = doc->selectionStart();
        QTest::mouseMove(view->viewport(), QPoint(400, y));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, QPoint(400, y));
        QVERIFY(doc->selectionEnd() > from);
    }

    void proteinsOpenWithResidueAnnotations()
    {
        widgets::SequenceEditor editor;
        models::SequenceDocument *doc = editor.document();
        bio::Record protein;
        protein.kind = bio::MoleculeKind::Protein;
        protein.sequence = "MKVLAAGIVGLLLA";
        protein.features = {feature(u"signal"_s, 0, 6, bio::Strand::None, u"Region"_s)};
        doc->setRecord(protein);
        editor.show();
        editor.view()->setFocus();
        doc->setSelection(14, 14);
        QTest::keyClicks(editor.view(), u"W*"_s);
        QCOMPARE(doc->record().sequence, QByteArray("MKVLAAGIVGLLLAW*"));
        doc->setSelection(0, 6);
        QVERIFY(editor.selectionText().contains(u"6 aa"_s));
        QVERIFY(!editor.selectionText().contains(u"GC"_s));
        QCOMPARE(editor.view()->restrictionSiteCount(), 0);
        editor.view()->grab(); // paints residue-level annotations without a nucleotide track
        // The residues are the first row of the QScintilla window, in blocks of ten.
        QVERIFY(editor.view()->editor()->text(1).startsWith(u"MKVLAAGIVG LLLAW*"_s));
        // Find searches residues, whichever mode it was in; nucleotide tools are off.
        QCOMPARE(editor.findBar()->mode(), widgets::FindBar::Mode::AminoAcids);
        editor.findBar()->setPattern(u"gll"_s);
        editor.findBar()->search();
        QCOMPARE(editor.findBar()->hits().size(), 1);
        QCOMPARE(editor.findBar()->hits().first().start, 9);
        editor.findBar()->setMode(widgets::FindBar::Mode::Bases);
        editor.findBar()->search();
        QCOMPARE(editor.findBar()->hits().size(), 1);
        for (QAction *action : editor.toolBar()->actions())
            if (action->text() == u"Reverse complement" || action->text() == u"Find ORFs" ||
                action->text() == u"Set origin")
                QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
    }

    void featureModelUnderTester()
    {
        models::SequenceDocument doc;
        doc.setRecord(pUC19());
        models::FeatureListModel model(&doc);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), doc.record().features.size());
        QVERIFY(model.rowCount() > 3);
        const QModelIndex name = model.index(1, models::FeatureListModel::NameColumn);
        QVERIFY(model.setData(name, u"renamed"_s));
        QCOMPARE(doc.record().features[1].displayName(), u"renamed"_s);
        doc.undoStack()->undo();
        QCOMPARE(doc.record(), pUC19());
        doc.removeFeature(0);
        QCOMPARE(model.rowCount(), doc.record().features.size());
        doc.insertBases(100, "ACGT");
        doc.addFeature(feature(u"new"_s, 1, 9));
        QCOMPARE(model.index(model.rowCount() - 1, 0).data().toString(), u"new"_s);
        QCOMPARE(model.index(model.rowCount() - 1, models::FeatureListModel::StartColumn).data(),
                 2);
    }

    void restrictionSitesAndOrfs()
    {
        widgets::SequenceEditor editor;
        editor.document()->setRecord(pUC19());
        editor.resize(1000, 700);
        editor.view()->setFrames(widgets::SequenceView::Frames::All);
        editor.view()->setShowComplement(true);
        editor.view()->setEnzymeSet(widgets::SequenceView::EnzymeSet::Unique);
        // pUC19's MCS has many unique sites (the scan runs on a worker thread).
        QTRY_VERIFY_WITH_TIMEOUT(editor.view()->restrictionSiteCount() > 5, 10'000);
        editor.view()->setEnzymeSet(widgets::SequenceView::EnzymeSet::None);
        QCOMPARE(editor.view()->restrictionSiteCount(), 0);
        const qsizetype before = editor.document()->record().features.size();
        QVERIFY(editor.addOrfs(300) >= 1); // bla, lacZα is shorter
        QVERIFY(editor.document()->record().features.size() > before);
        editor.document()->undoStack()->undo();
        QCOMPARE(editor.document()->record().features.size(), before);
        editor.view()->grab();
    }
};

QTEST_MAIN(TestSequenceEditor)
#include "tst_ui_sequence_editor.moc"
