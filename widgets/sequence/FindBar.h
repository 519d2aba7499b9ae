// The find bar under the sequence: bases (IUPAC, both strands, across the origin), amino acids
// (six frames) or feature names; every hit highlighted, next/previous select one; and a box to go
// to a position (1-based).
#pragma once

#include "bio/SequenceSearch.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace benchtop::widgets {

class SequenceView;

class FindBar : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Bases, AminoAcids, Features };

    explicit FindBar(SequenceView *view, QWidget *parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const;
    void setPattern(const QString &pattern);
    QLineEdit *patternEdit() const { return m_pattern; }
    QLineEdit *positionEdit() const { return m_position; }
    const QList<bio::SearchHit> &hits() const { return m_hits; }
    int currentHit() const { return m_current; }
    QString status() const;

public Q_SLOTS:
    void search();
    void next();
    void previous();
    void goToPosition();
    void activate(); // show, focus the pattern

private:
    void select(int hit);

    SequenceView *m_view;
    QComboBox *m_mode;
    QLineEdit *m_pattern;
    QLineEdit *m_position;
    QLabel *m_status;
    QList<bio::SearchHit> m_hits;
    int m_current = -1;
};

} // namespace benchtop::widgets
