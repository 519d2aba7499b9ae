// The sequence view: bases in wrapped rows with a position ruler, the complement strand on
// demand, feature lanes under the bases (stacked without overlap, coloured, labelled, with
// strand arrows; CDS features show their amino acids), translation frames, restriction sites
// and search hits, and the caret/selection of its SequenceDocument.
//
// Why custom-painted and not QScintilla: every row has the same height, so row r starts at base
// r × basesPerRow and a paint lays out only the visible rows — O(visible) whatever the length
// (DESIGN §4). QScintilla would need a sliding 50–200 kb window swapped with setText, its own
// undo switched off and indicators re-set per window, to reach what this view gets by reading
// the document directly; and it cannot draw lanes or frames between lines. Editing here is a
// QByteArray replace in the document (a memmove of the tail: ~0.3 ms for 4.6 Mb).
#pragma once

#include "bio/SequenceSearch.h"

#include <QAbstractScrollArea>
#include <QFutureWatcher>
#include <QTimer>

namespace benchtop::bio {
class GeneticCode;
}
namespace benchtop::models {
class SequenceDocument;
}

namespace benchtop::widgets {

class SequenceView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    enum class Frames { None, Frame1, Forward, All };
    enum class EnzymeSet { None, Unique, TwoCutters, All };

    explicit SequenceView(models::SequenceDocument *document, QWidget *parent = nullptr);
    ~SequenceView() override;

    models::SequenceDocument *document() const { return m_document; }
    void setShowComplement(bool show);
    bool showComplement() const { return m_showComplement; }
    void setFrames(Frames frames);
    Frames frames() const { return m_frames; }
    void setGeneticCode(int ncbiId);
    int geneticCode() const;
    void setEnzymeSet(EnzymeSet set);
    EnzymeSet enzymeSet() const { return m_enzymeSet; }
    // Restriction sites drawn: (top-strand cut, enzyme name), by position.
    qsizetype restrictionSiteCount() const { return m_sites.size(); }
    void setHighlights(QList<bio::SearchHit> hits);
    const QList<bio::SearchHit> &highlights() const { return m_hits; }

    int basesPerRow() const { return m_perRow; }
    int rowHeight() const { return m_rowHeight; }
    qint64 firstVisibleBase() const;
    // Scrolls so that `position` is on screen (moves only if it is not).
    void ensureVisible(qint64 position);
    void scrollToBase(qint64 position); // puts its row at the top
    qint64 positionAt(QPoint viewportPoint) const;

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
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Site
    {
        qint64 cut;
        QString name;
    };
    void relayout();
    void updateScrollRange();
    void scheduleScan();
    void startScan();
    int xOf(int column) const;
    void paintRow(QPainter &painter, qint64 row, int top);
    int paintFeatures(QPainter &painter, qint64 start, qint64 end, int top);
    void moveCaret(qint64 to, bool extend);
    void insertText(const QByteArray &text);

    models::SequenceDocument *m_document;
    bool m_showComplement = false;
    Frames m_frames = Frames::None;
    const bio::GeneticCode *m_code;
    EnzymeSet m_enzymeSet = EnzymeSet::Unique;
    QList<bio::SearchHit> m_hits;
    qint64 m_longestHit = 0;
    QList<Site> m_sites;
    QFutureWatcher<QList<Site>> m_scan;
    quint64 m_scannedRevision = ~0ULL;
    QTimer m_scanDelay;
    qint64 m_anchor = 0;
    bool m_caretAtEnd = false;
    // Layout (from the font and width).
    int m_charWidth = 8;
    int m_lineHeight = 14;
    int m_margin = 60; // position numbers on the left
    int m_perRow = 60;
    int m_rowHeight = 80;
    int m_lanes = 3;
};

} // namespace benchtop::widgets
