// The sequence view: bases in wrapped rows with a position ruler, the complement strand on
// demand, feature lanes under the bases (stacked without overlap, coloured, labelled, with
// strand arrows; CDS features show their amino acids), translation frames, restriction sites
// and search hits, and the caret/selection of its SequenceDocument — shown and edited in
// QScintilla.
//
// How QScintilla carries a 5 Mb genome (DESIGN §4): the document (SequenceDocument) holds the
// sequence, the features and the undo stack; QScintilla shows a window of the rows on screen,
// rebuilt from the document when the view scrolls or the record changes — one Scintilla line
// per row (blocks of ten bases), the lines around it (ruler and cut sites above; complement,
// frames and feature lanes below) as styled annotations, the row's first position in a text
// margin, search hits as an indicator, the document's selection as Scintilla's selection. The
// scroll bar beside it is in rows of the whole sequence, so a paint or a scroll costs
// O(rows on screen) whatever the length. Scintilla is read-only with its undo collection off:
// what the user types, deletes, pastes or drops at the caret reaches the document as one undo
// command, and the window is rebuilt from the document, so the two can never disagree.
#pragma once

#include "RowText.h"
#include "bio/SequenceSearch.h"

#include <QFrame>
#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>

class QAction;
class QMenu;
class QScrollBar;
class QsciScintilla;
class QKeyEvent;
class QMouseEvent;

namespace benchtop::bio {
class GeneticCode;
}
namespace benchtop::models {
class SequenceDocument;
}

namespace benchtop::widgets {

class BasesEditor;

class SequenceView : public QFrame
{
    Q_OBJECT
public:
    enum class Frames { None, Frame1, Forward, All };
    enum class EnzymeSet { None, Unique, TwoCutters, All };

    explicit SequenceView(models::SequenceDocument *document, QWidget *parent = nullptr);
    ~SequenceView() override;

    models::SequenceDocument *document() const { return m_document; }
    // The QScintilla editor showing the rows on screen, and the widget it paints and takes the
    // mouse on.
    QsciScintilla *editor() const;
    QWidget *viewport() const;
    // In rows of the whole sequence (0 = the first row at the top).
    QScrollBar *verticalScrollBar() const { return m_scroll; }

    void setShowComplement(bool show);
    bool showComplement() const { return m_showComplement; }
    void setFrames(Frames frames);
    Frames frames() const { return m_frames; }
    void setGeneticCode(int ncbiId);
    int geneticCode() const;
    void setEnzymeSet(EnzymeSet set);
    EnzymeSet enzymeSet() const { return m_enzymeSet; }
    // Restriction sites found by the last scan (drawn above the rows they cut).
    qsizetype restrictionSiteCount() const { return m_sites.size(); }
    // The sites drawn (top-strand cut, enzyme), by cut: moved with the bases at once by an edit,
    // then replaced by the scan that follows it.
    const QList<rowtext::Site> &restrictionSites() const { return m_sites; }
    void setHighlights(QList<bio::SearchHit> hits); // in any order; kept sorted by start
    const QList<bio::SearchHit> &highlights() const { return m_hits; }

    int basesPerRow() const { return m_perRow; }
    // Rows of the sequence shown in the editor now, from firstVisibleRow(); the last one may be
    // cut off by the bottom edge.
    qint64 firstVisibleRow() const;
    int rowsShown() const { return int(m_lineStarts.size()) - 1; }
    qint64 firstVisibleBase() const { return firstVisibleRow() * m_perRow; }
    // Scrolls so that `position` is on screen (moves only if it is not).
    void ensureVisible(qint64 position);
    void scrollToBase(qint64 position); // puts its row at the top
    qint64 positionAt(QPoint viewportPoint) const;
    // Where base `position` is drawn (the middle of its cell), in viewport coordinates; a point
    // outside the viewport when its row is not shown.
    QPoint pointOf(qint64 position) const;
    // The Scintilla position of sequence position `position` (-1 if its row is not shown).
    qint64 editorPosition(qint64 position) const;

    // The context menu of the bases: cut, copy (bases, reverse complement, translation), paste,
    // select all, then the actions given here (the editor adds its feature actions). The caller
    // owns the menu.
    void setContextActions(const QList<QAction *> &actions);
    QMenu *createContextMenu(QWidget *parent);

public Q_SLOTS:
    void copy();
    void copyReverseComplement();
    void copyTranslation();
    void cut();
    void paste();
    void selectAll();

Q_SIGNALS:
    // Something the user should read (a refused character, a paste that failed).
    void message(const QString &text);
    // The restriction scan finished (tests and the status bar wait on it).
    void restrictionSitesReady();
    // The display options changed (by the tool bar or programmatically), so controls follow.
    void showComplementChanged(bool show);
    void framesChanged(benchtop::widgets::SequenceView::Frames frames);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    friend class BasesEditor;
    // From the editor (keys, typed text, mouse, wheel, context menu).
    void handleKey(QKeyEvent *event);
    void handleMouse(QMouseEvent *event);
    void handleWheel(int rows);
    void showContextMenu(QPoint globalPos);
    void insertText(const QByteArray &text);
    // atRowEnd: a caret at a row boundary stands at the end of the row before (End, a click
    // past a row's last base) rather than at the start of the next.
    void moveCaret(qint64 to, bool extend, bool atRowEnd = false);
    qint64 caretRow(qint64 position) const; // the row the caret at `position` is drawn on
    void ensureRowVisible(qint64 row);
    qint64 positionAt(QPoint viewportPoint, bool *atRowEnd) const;
    void select(qint64 anchor, qint64 head); // the document's selection, from the view
    void autoScroll();

    void configureEditor();
    void relayout();      // from the width and the options: bases per row, then rebuild()
    void rebuild();       // the window of rows on screen, from the document
    void showSelection(); // the document's selection as Scintilla's
    void updateScrollRange();
    qint64 topRowShowing(qint64 row); // the highest top row that shows `row` whole
    rowtext::RowOptions rowOptions() const;
    void defineColorStyles();
    void defineStyle(int number, const QColor &fore, const QColor &back, bool bold);
    qint64 rowCount() const; // rows of the whole sequence, with a row for the end caret
    void scheduleScan();
    void startScan();

    models::SequenceDocument *m_document;
    BasesEditor *m_editor;
    QList<QPointer<QAction>> m_contextActions;
    QScrollBar *m_scroll;
    bool m_showComplement = false;
    Frames m_frames = Frames::None;
    const bio::GeneticCode *m_code;
    EnzymeSet m_enzymeSet = EnzymeSet::Unique;
    QList<bio::SearchHit> m_hits;
    qint64 m_longestHit = 0;
    QList<rowtext::Site> m_sites;
    QFutureWatcher<QList<rowtext::Site>> m_scan;
    quint64 m_scannedRevision = ~0ULL;
    EnzymeSet m_scannedSet = EnzymeSet::None;
    QTimer m_scanDelay;
    QTimer m_autoScroll;
    QPoint m_dragPoint;
    qint64 m_anchor = 0;      // the fixed end of the selection (the other one moves)
    bool m_selecting = false; // the view is setting the document's selection
    bool m_caretAtRowEnd = false;
    int m_perRow = 60;
    int m_pageRows = 1;
    int m_annotationStyles = 0; // first extended style, the annotations' style offset
    rowtext::ColorStyles m_colors;
    // The window: Scintilla line 0 carries the first row's lines above as its annotation; line
    // i ≥ 1 is row firstVisibleRow() + i - 1. m_lineStarts[i] is line i's Scintilla position.
    QList<qint64> m_lineStarts;
    QList<int> m_rowLength; // bases in each shown row
    bool m_rebuilding = false;
};

} // namespace benchtop::widgets
