// The sequence view as QScintilla shows it (DESIGN §4): the rows on screen as Scintilla text
// with annotations, margins and indicators; typing, deleting and undo through the QScintilla
// widget; the window bounded on a 5 Mb sequence; mouse and wheel mapped to sequence positions;
// and the row text (columns, ruler, frames, lanes) on its own.
#include "SequenceTestRecords.h"
#include "bio/GenBank.h"
#include "bio/GeneticCode.h"
#include "bio/Sequence.h"
#include "models/sequence/SequenceDocument.h"
#include "widgets/Qsci.h"
#include "widgets/sequence/RowText.h"
#include "widgets/sequence/SequenceEditor.h"
#include "widgets/sequence/SequenceView.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace benchtop;
using benchtop::test::feature;
using benchtop::test::randomRecord;
using namespace Qt::StringLiterals;
namespace rowtext = widgets::rowtext;
using Sci = QsciScintillaBase;

namespace {

bio::Record pUC19()
{
    return bio::readGenBankFile(QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/pUC19_M77789.gb"))
        .records.value(0);
}

QByteArray lineText(QsciScintilla *e, int line)
{
    return e->text(line).toLatin1().trimmed();
}

QByteArray annotation(QsciScintilla *e, int line)
{
    const long size =
        e->SendScintilla(Sci::SCI_ANNOTATIONGETTEXT, line, static_cast<char *>(nullptr));
    QByteArray text(size, '\0');
    e->SendScintilla(Sci::SCI_ANNOTATIONGETTEXT, line, text.data());
    return text;
}

QString margin(QsciScintilla *e, int line)
{
    const long size = e->SendScintilla(Sci::SCI_MARGINGETTEXT, line, static_cast<char *>(nullptr));
    QByteArray text(size, '\0');
    e->SendScintilla(Sci::SCI_MARGINGETTEXT, line, text.data());
    return QString::fromUtf8(text);
}

// A record's rows as text, without a widget: the standard code, four lanes, no complement or
// frames unless a test sets them.
struct Rows
{
    models::SequenceDocument doc;
    rowtext::RowOptions o;
    rowtext::ColorStyles colors;

    Rows(const bio::Record &record, int perRow)
    {
        doc.setRecord(record);
        o.record = &doc.record();
        o.features = &doc.featureIndex();
        o.code = &bio::GeneticCode::standard();
        o.perRow = perRow;
        o.maxLanes = 4;
    }
    QList<rowtext::StyledLine> below(qint64 rowStart)
    {
        return rowtext::linesBelow(o, rowStart, colors);
    }
};

QByteArray ungapped(QByteArray text)
{
    return text.replace(' ', QByteArray());
}

struct Shown
{
    widgets::SequenceEditor editor;
    widgets::SequenceView *view = editor.view();
    models::SequenceDocument *doc = editor.document();
    QsciScintilla *text = view->editor();

    explicit Shown(bio::Record record)
    {
        doc->setRecord(std::move(record));
        editor.resize(1000, 700);
        editor.show();
    }
};

// Whether the search-hit indicator (Scintilla indicator 8) covers base `position`.
bool marked(const Shown &s, qint64 position)
{
    return s.text->SendScintilla(Sci::SCI_INDICATORVALUEAT, 8, s.view->editorPosition(position)) ==
           1;
}

} // namespace

class TestSequenceScintilla : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsSkipTheBlockGaps()
    {
        QCOMPARE(rowtext::startColumn(0), 0);
        QCOMPARE(rowtext::startColumn(9), 9);
        QCOMPARE(rowtext::startColumn(10), 11); // after the gap
        QCOMPARE(rowtext::endColumn(10), 10);   // a selection ending there stops before it
        QCOMPARE(rowtext::textWidth(60), 65);
        for (int c = 0; c < 100; ++c)
            QCOMPARE(rowtext::baseColumn(rowtext::startColumn(c)), c);
        QCOMPARE(rowtext::baseColumn(10), 10); // the gap belongs to the next block
    }

    void rowTextRulerFramesAndLanes()
    {
        bio::Record r = randomRecord(100, 1);
        r.sequence.replace(0, 9, "ATGAAATAG"); // M K * in frame 1
        r.features = {feature(u"first"_s, 0, 30), feature(u"second"_s, 5, 25),
                      feature(u"rev"_s, 40, 60, bio::Strand::Reverse), feature(u"tiny"_s, 70, 72)};
        for (int i = 0; i < 5; ++i)
            r.features.append(feature(u"pile%1"_s.arg(i), 80, 90));
        Rows rows(r, 100);
        rows.o.frames = {1};

        QCOMPARE(rowtext::basesText(rows.o, 0).left(21),
                 r.sequence.left(10) + ' ' + r.sequence.mid(10, 10));
        // Ruler: "10" ends over base 10 (column 9), "20" over base 20 (column 20).
        const QByteArray ruler = rowtext::linesAbove(rows.o, 0).last().text;
        QCOMPARE(ruler.mid(8, 2), QByteArray("10"));
        QCOMPARE(ruler.mid(19, 2), QByteArray("20"));
        QVERIFY(rowtext::linesAbove(rows.o, 0).size() == 1); // no site line without sites

        const QList<rowtext::StyledLine> below = rows.below(0);
        // Frame 1: amino acids over the middle base of each codon.
        QCOMPARE(below[0].text.left(9), QByteArray(" M  K  * "));
        QCOMPARE(below[0].styles.at(1), char(rowtext::Frame));
        // Lanes: first and second overlap, so they take two lanes; "rev" fits in the first.
        const QList<rowtext::StyledLine> lanes = below.mid(1);
        QCOMPARE(lanes.size(), 4);
        QVERIFY(lanes[0].text.contains("first"));
        QVERIFY(lanes[1].text.contains("second"));
        QVERIFY(lanes[0].text.contains("rev"));
        // A reverse feature points left at its start; its bar is styled over its bases only.
        const QString lane0 = QString::fromUtf8(lanes[0].text);
        QCOMPARE(lane0.at(rowtext::startColumn(40)), u'◄');
        // A label too long for its bar stands after it.
        QVERIFY(lanes[0].text.contains("tiny"));
        // Five features pile on 80..90: four lanes, and "+1" says one was left out.
        QVERIFY(lanes[3].text.trimmed().endsWith("+1"));
        for (const rowtext::StyledLine &line : lanes)
            QCOMPARE(line.styles.size(), line.text.size());
        QCOMPARE(rows.colors.takeNew().size(), 1); // one colour (misc_feature) for all of them
    }

    void namesBesideShortFeatures()
    {
        bio::Record r = randomRecord(200, 6);
        r.features = {feature(u"short_one_long_name"_s, 46, 49),
                      feature(u"crossing_feature"_s, 47, 60)};
        Rows rows(r, 50);
        const QList<rowtext::StyledLine> row0 = rows.below(0);
        QCOMPARE(row0.size(), 2);
        // No room after the bar at the row's end: the name stands before it.
        const qsizetype at = row0[0].text.indexOf("short_one_long_name");
        QVERIFY(at >= 0);
        QVERIFY(at + 19 < rowtext::startColumn(46));
        // A feature going on to the next row names itself there, not beside its first bases.
        QVERIFY(!row0[1].text.contains("crossing"));
        const QList<rowtext::StyledLine> row1 = rows.below(50);
        QVERIFY2(QString::fromUtf8(row1[0].text).contains(u"crossin…"_s), row1[0].text.constData());
    }

    void rowsAreScintillaLinesWithAnnotations()
    {
        Shown s(pUC19());
        s.view->setShowComplement(true);
        s.view->setFrames(widgets::SequenceView::Frames::Frame1);
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        const int perRow = s.view->basesPerRow();
        QVERIFY(perRow >= 40 && perRow % 10 == 0);
        const QByteArray &bases = s.doc->record().sequence;
        // Line 1 is the first row: blocks of ten; its margin says where it starts.
        QCOMPARE(ungapped(lineText(s.text, 1)), bases.left(perRow));
        QCOMPARE(lineText(s.text, 1).at(10), ' ');
        QCOMPARE(margin(s.text, 1), u"1"_s);
        QCOMPARE(margin(s.text, 2), QString::number(perRow + 1));
        // Under it: the complement strand, then frame 1.
        const QList<QByteArray> under = annotation(s.text, 1).split('\n');
        QVERIFY(under.size() >= 3);
        QCOMPARE(under[0].size(), lineText(s.text, 1).size());
        const QByteArray row = lineText(s.text, 1);
        for (qsizetype i = 0; i < row.size(); ++i)
            QCOMPARE(under[0].at(i), row.at(i) == ' ' ? ' ' : bio::complement(row.at(i)));
        const bio::GeneticCode &code = bio::GeneticCode::standard();
        for (int codon = 0; codon + 3 <= perRow; codon += 3)
            QCOMPARE(under[1].at(rowtext::startColumn(codon + 1)),
                     code.translateCodon(bases.constData() + codon));
        // Scintilla keeps no copy of the genome and no undo of its own; it is read-only.
        QVERIFY(s.text->length() < 20 * (perRow + 10));
        QVERIFY(s.text->isReadOnly());
        QVERIFY(!s.text->SendScintilla(Sci::SCI_GETUNDOCOLLECTION));
        // The features of the shown rows are in the annotations: scroll to the polylinker
        // (233..289), whose label is its note.
        s.view->scrollToBase(240);
        QByteArray all;
        for (int line = 0; line < s.text->lines(); ++line)
            all += annotation(s.text, line);
        QVERIFY2(all.contains("polylinker"), all.left(400).constData());
        // On the next row the polylinker goes on, its name cut to the bar with an ellipsis.
        s.view->scrollToBase(240 + perRow);
        all.clear();
        for (int line = 0; line < s.text->lines(); ++line)
            all += annotation(s.text, line);
        QVERIFY2(all.contains(u"polylinker of M13…"_s.toUtf8()), all.left(400).constData());
    }

    void typingGoesThroughScintillaIntoTheDocument()
    {
        Shown s(randomRecord(1000, 2));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        s.text->setFocus();
        s.doc->setSelection(12, 12);
        const QByteArray before = s.doc->record().sequence;
        QTest::keyClicks(s.text, u"gat"_s); // to the QScintilla widget itself
        QCOMPARE(s.doc->record().sequence.mid(12, 3), QByteArray("GAT"));
        QCOMPARE(s.doc->length(), 1003);
        // The window shows the new bases at once, and the caret after them.
        QCOMPARE(ungapped(lineText(s.text, 1)),
                 s.doc->record().sequence.left(s.view->basesPerRow()));
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETCURRENTPOS), s.view->editorPosition(15));
        // A letter that is no nucleotide is refused with a message; Scintilla's text is the
        // document's.
        QSignalSpy messages(s.view, &widgets::SequenceView::message);
        QTest::keyClick(s.text, Qt::Key_J);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(s.doc->length(), 1003);
        QVERIFY(!lineText(s.text, 1).contains('J'));
        // Delete and backspace, then undo everything from the widget.
        QTest::keyClick(s.text, Qt::Key_Backspace);
        QTest::keyClick(s.text, Qt::Key_Delete);
        QCOMPARE(s.doc->length(), 1001);
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(s.text, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(s.doc->record().sequence, before);
        QCOMPARE(ungapped(lineText(s.text, 1)), before.left(s.view->basesPerRow()));
        // Text typed through an input method lands the same way.
        QInputMethodEvent commit;
        commit.setCommitString(u"CC"_s);
        QApplication::sendEvent(s.text, &commit);
        QCOMPARE(s.doc->record().sequence.mid(12, 2), QByteArray("CC"));
        // Text dropped on the widget is not taken (the page imports dropped files).
        QMimeData mime;
        mime.setText(u"GGGG"_s);
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(s.view->viewport(), &enter);
        QVERIFY(!enter.isAccepted());
    }

    void aGenomeKeepsTheWindowSmall()
    {
        Shown s(randomRecord(5'000'000, 3));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        const int perRow = s.view->basesPerRow();
        const qint64 middle = 2'500'000 / perRow * perRow;
        s.view->scrollToBase(middle);
        QCOMPARE(s.view->firstVisibleBase(), middle);
        QCOMPARE(margin(s.text, 1), QString::number(middle + 1));
        QCOMPARE(ungapped(lineText(s.text, 1)), s.doc->record().sequence.mid(middle, perRow));
        QVERIFY(s.text->length() < 40 * (perRow + 10)); // the rows on screen, not 5 Mb
        // The scroll bar counts rows of the whole sequence; at its end the last row is shown.
        QScrollBar *bar = s.view->verticalScrollBar();
        QVERIFY(bar->maximum() + 2 * bar->pageStep() > 5'000'000 / perRow);
        bar->setValue(bar->maximum());
        QVERIFY(s.view->editorPosition(5'000'000) >= 0);
        s.view->scrollToBase(middle);
        // Every shown position maps to a point and back.
        for (qint64 p : {middle, middle + 9, middle + 10, middle + 37, middle + perRow + 5})
            QCOMPARE(s.view->positionAt(s.view->pointOf(p)), p);
        // Typing in the middle moves the rest of the row along in the window.
        s.text->setFocus();
        s.doc->setSelection(middle + 3, middle + 3);
        QTest::keyClick(s.text, Qt::Key_G);
        QCOMPARE(ungapped(lineText(s.text, 1)), s.doc->record().sequence.mid(middle, perRow));
        QCOMPARE(s.doc->record().sequence.at(middle + 3), 'G');
        // The end of the genome: Ctrl+End puts the caret after the last base, on screen.
        QTest::keyClick(s.text, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(s.doc->selectionStart(), s.doc->length());
        QVERIFY(s.view->editorPosition(s.doc->length()) >= 0);
    }

    void mouseAndWheelSelectAndScroll()
    {
        Shown s(randomRecord(20'000, 4));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        QWidget *viewport = s.view->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, {}, s.view->pointOf(5));
        QTest::mouseMove(viewport, s.view->pointOf(25));
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, s.view->pointOf(25));
        QCOMPARE(s.doc->selectionStart(), 5);
        QCOMPARE(s.doc->selectionEnd(), 25);
        // Scintilla's selection is the same bases, gaps aside.
        QCOMPARE(ungapped(s.text->selectedText().toLatin1()), s.doc->selectedBases());
        // Shift+click extends; a click on the next row lands on its bases.
        const int perRow = s.view->basesPerRow();
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, s.view->pointOf(perRow + 3));
        QCOMPARE(s.doc->selectionEnd(), perRow + 3);
        QCOMPARE(ungapped(s.text->selectedText().remove(u'\n').toLatin1()), s.doc->selectedBases());
        // The wheel scrolls rows of the sequence, three a notch.
        QWheelEvent wheel(QPointF(50, 50), viewport->mapToGlobal(QPointF(50, 50)), {}, {0, -120},
                          Qt::NoButton, {}, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &wheel);
        QCOMPARE(s.view->firstVisibleRow(), 3);
        QCOMPARE(margin(s.text, 1), QString::number(3 * perRow + 1));
        // A selection that began above the window shows from the window's first base.
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETSELECTIONSTART), 0);
    }

    // A selection made elsewhere (find bar, feature table, maps, a new record) is extended from
    // its start by Shift+arrows and Shift+click, not from where the view last put its anchor.
    void extendingASelectionMadeElsewhere()
    {
        Shown s(randomRecord(1000, 7));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        QWidget *viewport = s.view->viewport();
        QTest::mouseClick(viewport, Qt::LeftButton, {}, s.view->pointOf(5));
        QCOMPARE(s.doc->selectionStart(), 5);
        s.doc->setSelection(100, 110); // as the find bar does
        QTest::keyClick(s.text, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(s.doc->selectionStart(), 100);
        QCOMPARE(s.doc->selectionEnd(), 111);
        s.doc->setSelection(200, 210);
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, s.view->pointOf(220));
        QCOMPARE(s.doc->selectionStart(), 200);
        QCOMPARE(s.doc->selectionEnd(), 220);
        // A new record puts the caret at 0; Shift+Right selects its first base.
        QTest::keyClick(s.text, Qt::Key_End, Qt::ControlModifier);
        s.doc->setRecord(randomRecord(50, 8));
        QTest::keyClick(s.text, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(s.doc->selectionStart(), 0);
        QCOMPARE(s.doc->selectionEnd(), 1);
    }

    // Backwards selections (the anchor after the head) show with Scintilla's caret at their start.
    void backwardsSelectionsShowTheirHead()
    {
        Shown s(randomRecord(3000, 9));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        QWidget *viewport = s.view->viewport();
        QTest::mouseClick(viewport, Qt::LeftButton, {}, s.view->pointOf(30));
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(s.text, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(s.doc->selectionStart(), 25);
        QCOMPARE(s.doc->selectionEnd(), 30);
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETCURRENTPOS), s.view->editorPosition(25));
        // (An end keeps off the block gap before it: after base 29, not before base 30.)
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETANCHOR), s.view->editorPosition(29) + 1);
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, s.view->pointOf(12));
        QCOMPARE(s.doc->selectionStart(), 12);
        QCOMPARE(s.doc->selectionEnd(), 30);
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETCURRENTPOS), s.view->editorPosition(12));
        QCOMPARE(ungapped(s.text->selectedText().toLatin1()), s.doc->selectedBases());
        // A selection from above the window to below it covers all the rows shown.
        const int perRow = s.view->basesPerRow();
        s.doc->setSelection(3, 40 * perRow);
        s.view->scrollToBase(2 * perRow);
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETSELECTIONSTART),
                 s.view->editorPosition(2 * perRow));
        const long lastLine = s.view->rowsShown();
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETSELECTIONEND),
                 s.text->SendScintilla(Sci::SCI_GETLINEENDPOSITION, lastLine));
    }

    // End puts the caret after the last base of its row, on that row; pressing it again does not
    // walk down the rows, and Home goes back to the row's first base.
    void endAndHomeKeepToTheCaretsRow()
    {
        Shown s(randomRecord(1000, 10));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        QWidget *viewport = s.view->viewport();
        const int perRow = s.view->basesPerRow();
        QTest::mouseClick(viewport, Qt::LeftButton, {}, s.view->pointOf(5));
        auto caretLine = [&s] {
            return s.text->SendScintilla(Sci::SCI_LINEFROMPOSITION,
                                         s.text->SendScintilla(Sci::SCI_GETCURRENTPOS));
        };
        QTest::keyClick(s.text, Qt::Key_End);
        QCOMPARE(s.doc->selectionStart(), perRow);
        QCOMPARE(caretLine(), 1);
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETCURRENTPOS),
                 s.text->SendScintilla(Sci::SCI_GETLINEENDPOSITION, 1));
        QTest::keyClick(s.text, Qt::Key_End);
        QCOMPARE(s.doc->selectionStart(), perRow);
        QTest::keyClick(s.text, Qt::Key_Home, Qt::ShiftModifier);
        QCOMPARE(s.doc->selectionStart(), 0);
        QCOMPARE(s.doc->selectionEnd(), perRow);
        QTest::keyClick(s.text, Qt::Key_End);
        QTest::keyClick(s.text, Qt::Key_Home);
        QCOMPARE(s.doc->selectionStart(), 0);
        QCOMPARE(caretLine(), 1);
        // A click on the right half of a row's last base: the caret after it, on that row.
        const long charWidth = s.text->SendScintilla(Sci::SCI_TEXTWIDTH, Sci::STYLE_DEFAULT, "M");
        QTest::mouseClick(viewport, Qt::LeftButton, {},
                          s.view->pointOf(2 * perRow - 1) + QPoint(charWidth / 4 + 1, 0));
        QCOMPARE(s.doc->selectionStart(), 2 * perRow);
        QCOMPARE(caretLine(), 2);
        // Down and Up keep it at the rows' ends.
        QTest::keyClick(s.text, Qt::Key_Down);
        QCOMPARE(s.doc->selectionStart(), 3 * perRow);
        QCOMPARE(caretLine(), 3);
        QTest::keyClick(s.text, Qt::Key_Up);
        QCOMPARE(caretLine(), 2);
        // A base typed there goes after the row's last base; the caret follows it onto the next
        // row.
        QTest::keyClick(s.text, Qt::Key_A);
        QCOMPARE(s.doc->record().sequence.at(2 * perRow), 'A');
        QCOMPARE(s.doc->selectionStart(), 2 * perRow + 1);
        QCOMPARE(caretLine(), 3);
        // Left/Right from a row's end: one base back, or the next row's second position.
        QTest::keyClick(s.text, Qt::Key_Left);
        QCOMPARE(s.doc->selectionStart(), 2 * perRow);
        QCOMPARE(caretLine(), 3);
    }

    // Rows under many features are taller: the end of the sequence can still be scrolled to, and
    // keys keep the caret on screen.
    void tallRowsAtTheEndCanBeReached()
    {
        bio::Record r = randomRecord(6000, 11);
        for (int i = 0; i < 4; ++i)
            r.features.append(feature(u"pile%1"_s.arg(i), 4000, 6000));
        Shown s(r);
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        const long lineHeight = s.text->SendScintilla(Sci::SCI_TEXTHEIGHT, 0UL);
        const int height = s.view->viewport()->height();
        auto fullyShown = [&](qint64 position) {
            const QPoint p = s.view->pointOf(position);
            return p.y() >= 0 && p.y() + lineHeight / 2 <= height;
        };
        s.text->setFocus();
        QTest::keyClick(s.text, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(s.doc->selectionStart(), 6000);
        QVERIFY2(fullyShown(6000), qPrintable(QString::number(s.view->pointOf(6000).y())));
        QScrollBar *bar = s.view->verticalScrollBar();
        bar->setValue(bar->maximum());
        QVERIFY(fullyShown(6000));
        // Down from the top, row by row into the tall rows: the caret stays on screen.
        QTest::keyClick(s.text, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(s.view->firstVisibleRow(), 0);
        const int perRow = s.view->basesPerRow();
        for (qint64 row = 1; row * perRow <= 6000; ++row) {
            QTest::keyClick(s.text, Qt::Key_Down);
            QVERIFY2(fullyShown(s.doc->selectionStart()), qPrintable(QString::number(row)));
        }
        QTest::keyClick(s.text, Qt::Key_Home, Qt::ControlModifier);
        while (s.doc->selectionStart() < 6000) {
            QTest::keyClick(s.text, Qt::Key_PageDown);
            QVERIFY(fullyShown(s.doc->selectionStart()));
        }
        while (s.doc->selectionStart() > 0) {
            QTest::keyClick(s.text, Qt::Key_PageUp);
            QVERIFY(fullyShown(s.doc->selectionStart()));
        }
    }

    // A narrower or wider view keeps its top base on screen, also near the end.
    void resizingKeepsTheTopBase()
    {
        Shown s(randomRecord(3000, 12));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        QScrollBar *bar = s.view->verticalScrollBar();
        bar->setValue(bar->maximum());
        const qint64 top = s.view->firstVisibleBase();
        const int wide = s.view->basesPerRow();
        s.editor.resize(600, 700);
        QTRY_VERIFY(s.view->basesPerRow() < wide);
        QVERIFY2(s.view->firstVisibleBase() <= top &&
                     top < s.view->firstVisibleBase() + s.view->basesPerRow(),
                 qPrintable(u"%1 %2"_s.arg(s.view->firstVisibleBase()).arg(top)));
        QCOMPARE(margin(s.text, 1), QString::number(s.view->firstVisibleBase() + 1));
    }

    // Dragging past the bottom or top edge scrolls on while the pointer stays there.
    void dragPastTheEdgeScrolls()
    {
        Shown s(randomRecord(20'000, 13));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        QWidget *viewport = s.view->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, {}, s.view->pointOf(5));
        const QPoint below(s.view->pointOf(5).x(), viewport->height() + 10);
        QTest::mouseMove(viewport, below);
        QTRY_VERIFY(s.view->firstVisibleRow() >= 5);
        QCOMPARE(s.doc->selectionStart(), 5);
        QVERIFY(s.doc->selectionEnd() > s.view->firstVisibleBase());
        QTest::mouseMove(viewport, QPoint(below.x(), -10));
        QTRY_COMPARE(s.view->firstVisibleRow(), 0);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(below.x(), -10));
        const qint64 row = s.view->firstVisibleRow();
        QTest::qWait(100); // the timer stopped with the button
        QCOMPARE(s.view->firstVisibleRow(), row);
        QCOMPARE(s.doc->selectionEnd(), 5);
    }

    // A double-click selects the shortest feature over the base under the pointer (even on the
    // right half of a feature's last base).
    void doubleClickSelectsTheFeatureUnderThePointer()
    {
        bio::Record r = randomRecord(2000, 14);
        r.features = {feature(u"wide"_s, 20, 60), feature(u"one"_s, 30, 31)};
        Shown s(r);
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        const long charWidth = s.text->SendScintilla(Sci::SCI_TEXTWIDTH, Sci::STYLE_DEFAULT, "M");
        const QPoint right = s.view->pointOf(30) + QPoint(charWidth / 4 + 1, 0);
        QTest::mouseDClick(s.view->viewport(), Qt::LeftButton, {}, right);
        QCOMPARE(s.doc->selectionStart(), 30);
        QCOMPARE(s.doc->selectionEnd(), 31);
        const QPoint left = s.view->pointOf(40) - QPoint(charWidth / 4 + 1, 0);
        QTest::mouseDClick(s.view->viewport(), Qt::LeftButton, {}, left);
        QCOMPARE(s.doc->selectionStart(), 20);
        QCOMPARE(s.doc->selectionEnd(), 60);
        // The right half of a row's last base.
        const int perRow = s.view->basesPerRow();
        s.doc->addFeature(feature(u"edge"_s, perRow - 1, perRow));
        QTest::mouseDClick(s.view->viewport(), Qt::LeftButton, {},
                           s.view->pointOf(perRow - 1) + QPoint(charWidth / 4 + 1, 0));
        QCOMPARE(s.doc->selectionStart(), perRow - 1);
        QCOMPARE(s.doc->selectionEnd(), perRow);
    }

    // Nothing of Scintilla's own reaches its text: its key bindings, middle-click paste, typing on
    // the last, partly shown row (Scintilla does not scroll itself).
    void scintillaNeverEditsOrScrollsItself()
    {
        Shown s(randomRecord(3000, 15));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        s.text->setFocus();
        QTest::mouseClick(s.view->viewport(), Qt::LeftButton, {}, s.view->pointOf(12));
        const QString before = s.text->text();
        const QByteArray bases = s.doc->record().sequence;
        QApplication::clipboard()->setText(u"GGGG"_s, QClipboard::Selection);
        for (const QKeyCombination key :
             {QKeyCombination(Qt::ControlModifier, Qt::Key_D), Qt::ControlModifier | Qt::Key_L,
              Qt::ControlModifier | Qt::Key_T, Qt::ControlModifier | Qt::Key_U,
              Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_U,
              Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_L,
              Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_T, QKeyCombination(Qt::Key_Tab),
              QKeyCombination(Qt::Key_Return), Qt::ControlModifier | Qt::Key_Return,
              QKeyCombination(Qt::Key_Insert), Qt::ShiftModifier | Qt::Key_Insert})
            QTest::keyClick(s.text, key.key(), key.keyboardModifiers());
        QTest::mouseClick(s.view->viewport(), Qt::MiddleButton, {}, s.view->pointOf(40));
        QCOMPARE(s.doc->record().sequence, bases);
        QCOMPARE(s.text->text(), before);
        // Typing on the last, partly shown row scrolls the view (rows), never Scintilla (lines).
        const qint64 last =
            (s.view->firstVisibleRow() + s.view->rowsShown() - 1) * s.view->basesPerRow();
        QTest::mouseClick(s.view->viewport(), Qt::LeftButton, {}, s.view->pointOf(last + 3));
        QTest::keyClicks(s.text, u"ACGT"_s);
        QCOMPARE(s.doc->record().sequence.mid(last + 3, 4), QByteArray("ACGT"));
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETFIRSTVISIBLELINE), 0);
        QCOMPARE(s.text->SendScintilla(Sci::SCI_GETXOFFSET), 0);
        QVERIFY(s.view->editorPosition(last + 7) >= 0);
    }

    // An empty record, protein and RNA records.
    void emptyProteinAndRnaRecords()
    {
        bio::Record empty;
        empty.name = u"empty"_s;
        Shown s(empty);
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        s.text->setFocus();
        QCOMPARE(s.view->rowsShown(), 1);
        QCOMPARE(s.view->editorPosition(0), s.text->SendScintilla(Sci::SCI_POSITIONFROMLINE, 1));
        for (Qt::Key key : {Qt::Key_Backspace, Qt::Key_Delete, Qt::Key_End, Qt::Key_Home,
                            Qt::Key_Up, Qt::Key_Down, Qt::Key_PageDown, Qt::Key_Left})
            QTest::keyClick(s.text, key);
        QTest::keyClick(s.text, Qt::Key_Right, Qt::ShiftModifier);
        QTest::mouseClick(s.view->viewport(), Qt::LeftButton, {}, QPoint(200, 100));
        QTest::mouseDClick(s.view->viewport(), Qt::LeftButton, {}, QPoint(200, 100));
        QCOMPARE(s.doc->length(), 0);
        QTest::keyClicks(s.text, u"acg"_s);
        QCOMPARE(s.doc->record().sequence, QByteArray("ACG"));
        QCOMPARE(lineText(s.text, 1), QByteArray("ACG"));

        bio::Record protein = randomRecord(300, 16);
        protein.kind = bio::MoleculeKind::Protein;
        protein.sequence.replace('A', 'M');
        protein.features = {feature(u"domain"_s, 10, 50, bio::Strand::Forward, u"CDS"_s)};
        s.doc->setRecord(protein);
        s.view->setShowComplement(true);
        s.view->setFrames(widgets::SequenceView::Frames::All);
        // No complement or frames under a protein's rows: the first line is the feature lane.
        QVERIFY2(annotation(s.text, 1).split('\n').value(0).contains("domain"),
                 annotation(s.text, 1).constData());
        QCOMPARE(annotation(s.text, 0).count('\n'), 0); // no cut-site line: the ruler only
        QTest::keyClick(s.text, Qt::Key_W);
        QCOMPARE(s.doc->record().sequence.at(0), 'W');

        bio::Record rna = randomRecord(300, 17);
        rna.kind = bio::MoleculeKind::Rna;
        rna.sequence.replace('T', 'U');
        s.doc->setRecord(rna);
        const QByteArray row = lineText(s.text, 1);
        const QByteArray complement = annotation(s.text, 1).split('\n').value(0);
        QVERIFY(!complement.contains('T'));
        for (qsizetype i = 0; i < row.size(); ++i)
            QCOMPARE(complement.at(i),
                     row.at(i) == ' ' ? ' ' : bio::complement(row.at(i), bio::Alphabet::Rna));
    }

    // Features across the origin of a circular record: split at 0, one arrow at the real end;
    // search hits across the origin mark both ends.
    void featuresAndHitsAcrossTheOrigin()
    {
        bio::Record r = randomRecord(1000, 18);
        r.topology = bio::Topology::Circular;
        bio::Feature wrap = feature(u"wrap"_s, 950, 1000);
        wrap.location.spans.append(benchtop::test::span(0, 30));
        wrap.location.op = bio::Location::Operator::Join;
        bio::Feature back = feature(u"back"_s, 0, 20, bio::Strand::Reverse);
        back.location.spans.append(benchtop::test::span(980, 1000, bio::Strand::Reverse));
        back.location.op = bio::Location::Operator::Join;
        r.features = {wrap, back};
        Rows rows(r, 50);
        QString last, first;
        for (const rowtext::StyledLine &l : rows.below(950))
            last += QString::fromUtf8(l.text);
        for (const rowtext::StyledLine &l : rows.below(0))
            first += QString::fromUtf8(l.text);
        // "wrap" points right at 30 only; "back" left at 980 only.
        QCOMPARE(first.count(u'►'), 1);
        QCOMPARE(last.count(u'►'), 0);
        QCOMPARE(first.count(u'◄'), 0);
        QCOMPARE(last.count(u'◄'), 1);

        Shown s(r);
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        s.view->setHighlights({{995, 1005, bio::Strand::Forward}});
        QVERIFY(marked(s, 2));
        QVERIFY(!marked(s, 6));
        QTest::keyClick(s.text, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(marked(s, 996));
    }

    // Names beyond Latin-1 and names with line breaks keep every annotation line to its cells.
    void unusualFeatureNames()
    {
        bio::Record r = randomRecord(200, 19);
        r.features = {feature(u"lacZα"_s, 10, 40), feature(u"two\nlines"_s, 60, 90),
                      feature(u"a very long feature name that runs far past its bar"_s, 120, 124)};
        Rows rows(r, 100);
        const QList<rowtext::StyledLine> lanes = rows.below(0);
        QCOMPARE(lanes.size(), 1);
        const QString lane = QString::fromUtf8(lanes[0].text);
        QCOMPARE(lane.mid(rowtext::startColumn(11), 5), u"lacZα"_s);
        QVERIFY(!lanes[0].text.contains('\n'));
        QCOMPARE(lanes[0].styles.size(), lanes[0].text.size());
        const QList<rowtext::StyledLine> next = rows.below(100);
        QCOMPARE(next.size(), 1);
        QVERIFY(QString::fromUtf8(next[0].text).contains(u"a very"_s));
        QVERIFY(QString::fromUtf8(next[0].text).size() <= rowtext::textWidth(100) + 6);
    }

    // A record replaced while the view is far down: the scroll range shrinks, the rows shown are
    // the new record's, and the old record's cut sites are not drawn over the new one.
    void aNewRecordWhileScrolledFarDown()
    {
        Shown s(pUC19());
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        QTRY_VERIFY(s.view->restrictionSiteCount() > 0); // the scan of pUC19 came back
        QTest::keyClick(s.text, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(s.view->firstVisibleRow() > 10);
        bio::Record plain;
        plain.name = u"plain"_s;
        plain.sequence = QByteArray(500, 'A'); // no enzyme cuts it
        s.doc->setRecord(plain);
        QCOMPARE(s.view->firstVisibleRow(), 0);
        QVERIFY(s.view->verticalScrollBar()->maximum() <= 500 / s.view->basesPerRow());
        QCOMPARE(ungapped(lineText(s.text, 1)), plain.sequence.left(s.view->basesPerRow()));
        QByteArray all;
        for (int line = 0; line < s.text->lines(); ++line)
            all += annotation(s.text, line);
        QVERIFY2(!all.contains(u"↓"_s.toUtf8()), all.constData());
    }

    // Hits given in any order are all shown.
    void highlightsInAnyOrder()
    {
        Shown s(randomRecord(3000, 20));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        s.view->setHighlights({{2900, 2904, bio::Strand::Forward}, {2, 6, bio::Strand::Reverse}});
        QVERIFY(marked(s, 3));
        QTest::keyClick(s.text, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(marked(s, 2901));
    }

    // Amino acids of a reverse-strand CDS read from its end on the other strand; a join reads on
    // across its intron.
    void reverseAndJoinedCdsLetters()
    {
        bio::Record r = randomRecord(100, 21);
        r.sequence.replace(10, 9, bio::reverseComplement("ATGAAATAG")); // M K * leftwards
        r.sequence.replace(40, 6, "ATGGCC");                            // M A | exon 2: CTG...
        r.sequence.replace(60, 6, "CTGTAA");                            // L *
        bio::Feature exons = feature(u"ex"_s, 40, 46, bio::Strand::Forward, u"CDS"_s);
        exons.location.spans.append(benchtop::test::span(60, 66));
        exons.location.op = bio::Location::Operator::Join;
        r.features = {feature(u"rev"_s, 10, 19, bio::Strand::Reverse, u"CDS"_s), exons};
        Rows rows(r, 100);
        const QList<rowtext::StyledLine> lanes = rows.below(0);
        QCOMPARE(lanes.size(), 1);
        const QString lane = QString::fromUtf8(lanes[0].text);
        auto at = [&lane](int base) {
            return lane.at(rowtext::startColumn(base));
        };
        QCOMPARE(at(17), u'M');
        QCOMPARE(at(14), u'K');
        QCOMPARE(at(11), u'r'); // (the stop's letter is under the name at the left end)
        QCOMPARE(at(10), u'◄');
        QCOMPARE(at(44), u'A');
        QCOMPARE(at(61), u'L');
        QCOMPARE(at(64), u'*');

        // A 5'-partial CDS (/codon_start=2) reads its codons from its second base.
        bio::Record partial = randomRecord(100, 23);
        partial.sequence.replace(30, 10, "GATGGCCTAA"); // G | M A *
        bio::Feature cds = feature(u"p"_s, 30, 40, bio::Strand::Forward, u"CDS"_s);
        cds.qualifiers.append({u"codon_start"_s, u"2"_s, true});
        partial.features = {cds};
        Rows partialRows(partial, 100);
        const QString shifted = QString::fromUtf8(partialRows.below(0).value(0).text);
        QCOMPARE(shifted.at(rowtext::startColumn(35)), u'A');
        QCOMPARE(shifted.at(rowtext::startColumn(38)), u'*');
    }

    // An edit moves the cut sites after it at once (the scan that follows takes 250 ms or more):
    // no site is drawn off by the bases typed in the meantime.
    void cutSitesMoveWithAnEdit()
    {
        Shown s(pUC19());
        QTRY_VERIFY_WITH_TIMEOUT(s.view->restrictionSiteCount() > 5, 10'000);
        const QList<rowtext::Site> before = s.view->restrictionSites();
        const qint64 at = before[before.size() / 2].cut; // a site in the middle
        s.text->setFocus();
        s.doc->setSelection(at - 1, at - 1);
        QTest::keyClicks(s.text, u"GGG"_s); // before its cut, in its recognition site
        const QList<rowtext::Site> moved = s.view->restrictionSites();
        QCOMPARE(moved.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(moved[i].name, before[i].name);
            QCOMPARE(moved[i].cut, before[i].cut + (before[i].cut > at - 1 ? 3 : 0));
        }
        // Deleting bases takes the sites that cut inside them away and moves the rest back.
        const qint64 from = at - 10, to = at + 13;
        QList<qint64> expected;
        for (const rowtext::Site &site : moved)
            if (site.cut <= from || site.cut >= to)
                expected << (site.cut > from ? site.cut - (to - from) : site.cut);
        s.doc->removeBases(from, to);
        QList<qint64> cuts;
        for (const rowtext::Site &site : s.view->restrictionSites())
            cuts << site.cut;
        QCOMPARE(cuts, expected);
        QVERIFY(cuts.size() < moved.size()); // the site typed into went with the bases
        // The scan that follows reports the edited sequence's own sites.
        QSignalSpy ready(s.view, &widgets::SequenceView::restrictionSitesReady);
        QVERIFY(ready.wait(10'000));
        QCOMPARE(s.view->restrictionSites().size(), s.view->restrictionSiteCount());
    }

    void contextMenuFollowsTheSelection()
    {
        Shown s(randomRecord(300, 22));
        auto enabled = [&s](const QString &text) {
            const std::unique_ptr<QMenu> menu(s.view->createContextMenu(nullptr));
            for (QAction *action : menu->actions())
                if (action->text().remove(u'&') == text)
                    return action->isEnabled();
            return false;
        };
        s.doc->setSelection(5, 5);
        QVERIFY(!enabled(u"Copy"_s));
        QVERIFY(!enabled(u"Cut"_s));
        QVERIFY(enabled(u"Select all"_s));
        QVERIFY(enabled(u"Add feature…"_s)); // the editor's action, after the view's own
        s.doc->setSelection(5, 20);
        QVERIFY(enabled(u"Copy"_s));
        QVERIFY(enabled(u"Copy reverse complement"_s));
        bio::Record protein;
        protein.kind = bio::MoleculeKind::Protein;
        protein.sequence = "MKVLAAGIVG";
        s.doc->setRecord(protein);
        s.doc->setSelection(0, 4);
        QVERIFY(enabled(u"Copy"_s));
        QVERIFY(!enabled(u"Copy reverse complement"_s));
        QVERIFY(!enabled(u"Copy translation"_s));
    }

    void searchHitsAreScintillaIndicators()
    {
        Shown s(randomRecord(3000, 5));
        QVERIFY(QTest::qWaitForWindowExposed(&s.editor));
        s.view->setHighlights({{12, 18, bio::Strand::Forward}});
        QVERIFY(s.view->editorPosition(14) > 0);
        QVERIFY(marked(s, 12));
        QVERIFY(marked(s, 17));
        QVERIFY(!marked(s, 18));
        QVERIFY(!marked(s, 30));
        s.view->setHighlights({});
        QVERIFY(!marked(s, 14));
    }
};

QTEST_MAIN(TestSequenceScintilla)
#include "tst_ui_sequence_scintilla.moc"
