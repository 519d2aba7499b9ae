// Adding, editing and deleting features in the sequence editor through the feature dialog and
// the feature table, each one undo step; and the tool bar following the view's display options.
#include "SequenceTestRecords.h"
#include "models/sequence/FeatureListModel.h"
#include "models/sequence/SequenceDocument.h"
#include "widgets/Qsci.h"
#include "widgets/sequence/FeatureDialog.h"
#include "widgets/sequence/SequenceEditor.h"
#include "widgets/sequence/SequenceView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QToolBar>

using namespace benchtop;
using benchtop::test::feature;
using namespace Qt::StringLiterals;

namespace {

bio::Record record(bio::Topology topology = bio::Topology::Linear)
{
    bio::Record r;
    r.name = u"test"_s;
    r.topology = topology;
    r.sequence = "ATGCATGCATGAATTCAAAACCCCGGGGTTTTATATCGCG"; // 40 bases
    r.features = {feature(u"a"_s, 4, 12, bio::Strand::Forward),
                  feature(u"b"_s, 20, 30, bio::Strand::Reverse)};
    return r;
}

void clickOk(widgets::FeatureDialog *dialog)
{
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void setStrand(widgets::FeatureDialog *dialog, bio::Strand strand)
{
    QComboBox *box = dialog->strandBox();
    box->setCurrentIndex(box->findData(int(strand)));
}

} // namespace

class TestUiSequenceFeatures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addEditUndoDelete();
    void invalidRangeRefused();
    void originCrossingOnCircular();
    void keepsQualifiersItDoesNotShow();
    void toolBarFollowsView();
};

void TestUiSequenceFeatures::addEditUndoDelete()
{
    widgets::SequenceEditor editor;
    QAbstractItemModelTester tester(editor.featureModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    editor.resize(1000, 700);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    models::SequenceDocument *doc = editor.document();
    doc->setRecord(record());
    const QList<bio::Feature> original = doc->record().features;

    // Add from the selection [10, 16) through the bases' context menu (the tool bar's action).
    doc->setSelection(10, 16);
    const std::unique_ptr<QMenu> menu(editor.view()->createContextMenu(nullptr));
    QVERIFY(menu->actions().contains(editor.addFeatureAction()));
    QVERIFY(editor.addFeatureAction()->isEnabled());
    editor.addFeatureAction()->trigger();
    auto *dialog = editor.findChild<widgets::FeatureDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->startBox()->value(), 11); // 1-based
    QCOMPARE(dialog->endBox()->value(), 16);
    dialog->nameEdit()->clear();
    QTest::keyClicks(dialog->nameEdit(), u"EcoRI site"_s);
    dialog->typeBox()->setCurrentText(u"protein_bind"_s);
    setStrand(dialog, bio::Strand::Reverse);
    dialog->setColor(QColor(u"#ff0000"_s));
    QTest::keyClicks(dialog->notesEdit(), u"GAATTC"_s);
    QTest::keyClick(dialog->notesEdit(), Qt::Key_Return);
    QTest::keyClicks(dialog->notesEdit(), u"cut by EcoRI"_s);
    QPointer<widgets::FeatureDialog> guard(dialog);
    clickOk(dialog);
    QTRY_VERIFY(guard.isNull()); // closed and deleted

    QCOMPARE(doc->record().features.size(), 3);
    bio::Feature added = doc->record().features.last();
    QCOMPARE(added.type, u"protein_bind"_s);
    QCOMPARE(added.location.start(), 10);
    QCOMPARE(added.location.end(), 16);
    QCOMPARE(added.location.strand(), bio::Strand::Reverse);
    QCOMPARE(added.qualifier(u"label"_s), u"EcoRI site"_s);
    QCOMPARE(added.qualifier(u"color"_s), u"#ff0000"_s);
    QStringList notes;
    for (const bio::Qualifier &q : added.qualifiers)
        if (q.name == u"note")
            notes.append(q.value);
    QCOMPARE(notes, QStringList({u"GAATTC"_s, u"cut by EcoRI"_s}));
    QCOMPARE(editor.featureModel()->rowCount(), 3);
    QCOMPARE(editor.featureTable()->currentIndex().row(), 2);

    // Edit it: double-click its row in the feature table.
    QTableView *table = editor.featureTable();
    const QModelIndex cell = editor.featureModel()->index(2, models::FeatureListModel::StartColumn);
    table->scrollTo(cell);
    const QPoint at = table->visualRect(cell).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
    dialog = editor.findChild<widgets::FeatureDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->nameEdit()->text(), u"EcoRI site"_s);
    QCOMPARE(dialog->typeBox()->currentText(), u"protein_bind"_s);
    QCOMPARE(dialog->strandBox()->currentData().toInt(), int(bio::Strand::Reverse));
    QCOMPARE(dialog->color(), QColor(u"#ff0000"_s));
    QCOMPARE(dialog->notesEdit()->toPlainText(), u"GAATTC\ncut by EcoRI"_s);
    setStrand(dialog, bio::Strand::Forward);
    dialog->setColor(QColor(u"#00aa00"_s));
    guard = dialog;
    clickOk(dialog);
    QTRY_VERIFY(guard.isNull());
    const bio::Feature edited = doc->record().features.last();
    QCOMPARE(edited.location.strand(), bio::Strand::Forward);
    QCOMPARE(edited.location.start(), 10);
    QCOMPARE(edited.location.end(), 16);
    QCOMPARE(edited.qualifier(u"color"_s), u"#00aa00"_s);
    QCOMPARE(edited.qualifier(u"label"_s), u"EcoRI site"_s);
    QCOMPARE(edited.qualifier(u"note"_s), u"GAATTC"_s); // notes untouched
    int colors = 0;
    for (const bio::Qualifier &q : edited.qualifiers)
        colors += q.name == u"color";
    QCOMPARE(colors, 1);

    // Cancel changes nothing and pushes no command.
    const int steps = doc->undoStack()->count();
    dialog = editor.editFeature(2);
    QVERIFY(dialog);
    setStrand(dialog, bio::Strand::None);
    guard = dialog;
    dialog->reject();
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(doc->undoStack()->count(), steps);
    QCOMPARE(doc->record().features.last(), edited);

    // Undo twice: the edit, then the add.
    doc->undoStack()->undo();
    QCOMPARE(doc->record().features.last(), added);
    doc->undoStack()->undo();
    QCOMPARE(doc->record().features, original);
    QCOMPARE(editor.featureModel()->rowCount(), 2);

    // Delete the table's current row (its context menu's action), then undo.
    table->setCurrentIndex(editor.featureModel()->index(0, 0));
    QVERIFY(editor.deleteFeatureAction()->isEnabled());
    editor.deleteFeatureAction()->trigger();
    QCOMPARE(doc->record().features.size(), 1);
    QCOMPARE(doc->record().features.first().qualifier(u"label"_s), u"b"_s);
    doc->undoStack()->undo();
    QCOMPARE(doc->record().features, original);
    // ... and another row.
    table->setCurrentIndex(editor.featureModel()->index(1, 0));
    editor.deleteFeatureAction()->trigger();
    QCOMPARE(doc->record().features, QList<bio::Feature>({original.first()}));
    doc->undoStack()->undo();
    QCOMPARE(doc->record().features, original);
    // The Delete key on the table does the same.
    table->setCurrentIndex(editor.featureModel()->index(0, 0));
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(doc->record().features.size(), 1);
    QCOMPARE(doc->record().features.first().qualifier(u"label"_s), u"b"_s);
    doc->undoStack()->undo();
    QCOMPARE(doc->record().features, original);
}

void TestUiSequenceFeatures::invalidRangeRefused()
{
    widgets::SequenceEditor editor;
    editor.show();
    models::SequenceDocument *doc = editor.document();
    doc->setRecord(record());
    const int steps = doc->undoStack()->count();
    doc->setSelection(5, 9);
    widgets::FeatureDialog *dialog = editor.addFeature();
    QVERIFY(dialog);
    QCOMPARE(dialog->startBox()->maximum(), 40); // bounded by the sequence length
    QCOMPARE(dialog->endBox()->maximum(), 40);
    dialog->startBox()->setValue(30);
    dialog->endBox()->setValue(12);
    clickOk(dialog);
    QVERIFY(dialog->isVisible()); // refused: still open
    QCOMPARE(dialog->errorText(), u"The start (30) is after the end (12)."_s);
    QVERIFY(dialog->findChild<QLabel *>(u"featureError"_s)->isVisible());
    QCOMPARE(doc->record().features, record().features);
    QCOMPARE(doc->undoStack()->count(), steps);

    // A type with a space is refused too.
    dialog->endBox()->setValue(35);
    dialog->typeBox()->setCurrentText(u"misc feature"_s);
    clickOk(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->errorText().contains(u"no spaces"_s));
    QCOMPARE(doc->record().features, record().features);

    // Corrected, it is accepted.
    dialog->typeBox()->setCurrentText(u"misc_feature"_s);
    QPointer<widgets::FeatureDialog> guard(dialog);
    clickOk(dialog);
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(doc->record().features.size(), 3);
    QCOMPARE(doc->record().features.last().location.start(), 29);
    QCOMPARE(doc->record().features.last().location.end(), 35);

    // Nothing to annotate on an empty sequence.
    doc->setRecord(bio::Record{});
    QVERIFY(!editor.addFeatureAction()->isEnabled());
    QVERIFY(!editor.addFeature());
}

void TestUiSequenceFeatures::originCrossingOnCircular()
{
    widgets::SequenceEditor editor;
    models::SequenceDocument *doc = editor.document();
    doc->setRecord(record(bio::Topology::Circular));
    widgets::FeatureDialog *dialog = editor.addFeature();
    QVERIFY(dialog);
    dialog->startBox()->setValue(36);
    dialog->endBox()->setValue(5);
    setStrand(dialog, bio::Strand::Reverse);
    QPointer<widgets::FeatureDialog> guard(dialog);
    clickOk(dialog);
    QTRY_VERIFY(guard.isNull());
    const bio::Location location = doc->record().features.last().location;
    QCOMPARE(location.spans.size(), 2);
    QCOMPARE(location.op, bio::Location::Operator::Join);
    QCOMPARE(location.strand(), bio::Strand::Reverse);
    // Reverse strand: the span at the start of the sequence comes first along the strand.
    QCOMPARE(location.spans[0].start, 0);
    QCOMPARE(location.spans[0].end, 5);
    QCOMPARE(location.spans[1].start, 35);
    QCOMPARE(location.spans[1].end, 40);

    // Editing it keeps its spans; the range cannot be changed here.
    dialog = editor.editFeature(2);
    QVERIFY(!dialog->startBox()->isEnabled());
    dialog->nameEdit()->setText(u"across"_s);
    guard = dialog;
    clickOk(dialog);
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(doc->record().features.last().location, location);
    QCOMPARE(doc->record().features.last().qualifier(u"label"_s), u"across"_s);
}

void TestUiSequenceFeatures::keepsQualifiersItDoesNotShow()
{
    widgets::SequenceEditor editor;
    models::SequenceDocument *doc = editor.document();
    bio::Record r = record();
    r.features[0].qualifiers = {{u"gene"_s, u"lacZ"_s, true},
                                {u"ApEinfo_fwdcolor"_s, u"#123456"_s, true},
                                {u"pseudo"_s, {}, false}};
    doc->setRecord(r);
    widgets::FeatureDialog *dialog = editor.editFeature(0);
    QCOMPARE(dialog->nameEdit()->text(), u"lacZ"_s); // the name people see
    QCOMPARE(dialog->color(), QColor(u"#123456"_s));
    dialog->typeBox()->setCurrentText(u"gene"_s);
    QPointer<widgets::FeatureDialog> guard(dialog);
    clickOk(dialog);
    QTRY_VERIFY(guard.isNull());
    const bio::Feature f = doc->record().features.first();
    QCOMPARE(f.type, u"gene"_s);
    QCOMPARE(f.qualifiers, r.features[0].qualifiers); // no /label, colour kept as it was

    // Changing the colour replaces every colour qualifier with one /color.
    dialog = editor.editFeature(0);
    dialog->setColor(QColor(u"#abcdef"_s));
    guard = dialog;
    clickOk(dialog);
    QTRY_VERIFY(guard.isNull());
    const bio::Feature g = doc->record().features.first();
    QCOMPARE(g.qualifier(u"color"_s), u"#abcdef"_s);
    QVERIFY(g.qualifier(u"ApEinfo_fwdcolor"_s).isEmpty());
    QCOMPARE(g.qualifier(u"gene"_s), u"lacZ"_s);
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCOMPARE(doc->record().features, r.features);
}

void TestUiSequenceFeatures::toolBarFollowsView()
{
    widgets::SequenceEditor editor;
    editor.document()->setRecord(record());
    auto *frames = editor.toolBar()->findChildren<QComboBox *>().value(0);
    QVERIFY(frames);
    QCOMPARE(frames->currentIndex(), 0);
    editor.view()->setFrames(widgets::SequenceView::Frames::All);
    QCOMPARE(frames->currentIndex(), int(widgets::SequenceView::Frames::All));
    // And the combo box still drives the view.
    frames->setCurrentIndex(int(widgets::SequenceView::Frames::Frame1));
    QCOMPARE(editor.view()->frames(), widgets::SequenceView::Frames::Frame1);

    QAction *complement = nullptr;
    for (QAction *action : editor.toolBar()->actions())
        if (action->text() == u"Complement")
            complement = action;
    QVERIFY(complement);
    QVERIFY(!complement->isChecked());
    editor.view()->setShowComplement(true);
    QVERIFY(complement->isChecked());
    complement->trigger();
    QVERIFY(!editor.view()->showComplement());

    // What typing inside a feature does is the tool bar's choice: split, then grow again.
    QComboBox *policy = editor.insertPolicyBox();
    policy->setCurrentIndex(1);
    QCOMPARE(editor.document()->insertPolicy(), models::InsertInside::Split);
    editor.show();
    editor.view()->setFocus();
    editor.document()->setSelection(6, 6); // inside a (4..12)
    QTest::keyClicks(editor.view()->editor(), u"GG"_s);
    // Split around the new bases, which belong to no part: 4..6 and 8..14.
    const QList<bio::Span> parts = editor.document()->record().features.first().location.spans;
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].end, 6);
    QCOMPARE(parts[1].start, 8);
    QCOMPARE(parts[1].end, 14);
    policy->setCurrentIndex(0);
    QCOMPARE(editor.document()->insertPolicy(), models::InsertInside::Grow);
    editor.document()->setSelection(24, 24); // inside b (now 22..32)
    QTest::keyClick(editor.view()->editor(), Qt::Key_C);
    QCOMPARE(editor.document()->record().features.last().location.spans.size(), 1);
    QCOMPARE(editor.document()->record().features.last().location.spans.first().end, 33);
}

QTEST_MAIN(TestUiSequenceFeatures)
#include "tst_ui_sequence_features.moc"
