// Adds or edits one feature: name (/label), type (the common GenBank keys, or any other),
// strand, colour (/color, which the sequence view and the maps read), notes (one /note per
// line) and the range (1-based, inclusive, checked against the sequence length). Qualifiers the
// dialog does not show are kept as they were. A feature of several spans (a join, or one that
// crossed the origin already) keeps its spans: its range is shown but cannot be changed here.
//
// The dialog only builds the feature; the caller pushes it to the document as one undo step.
// accept() refuses an invalid range, says why in the dialog and stays open.
#pragma once

#include "bio/Record.h"

#include <QColor>
#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace benchtop::widgets {

class FeatureDialog : public QDialog
{
    Q_OBJECT
public:
    // `sequenceLength` bounds the range. On a circular sequence a start after the end is a
    // feature across the origin (two spans); on a linear one it is refused.
    FeatureDialog(qint64 sequenceLength, bool circular, QWidget *parent = nullptr);

    // Fills the widgets from `feature` (editing) — or, for a new one, from a default feature.
    void setFeature(const bio::Feature &feature);
    // The feature the widgets describe (valid after a successful accept()).
    bio::Feature feature() const;

    // The range shown, 1-based inclusive.
    void setRange(qint64 first, qint64 last);
    // The colour chosen; invalid means "by type" (no /color qualifier).
    QColor color() const { return m_color; }
    void setColor(const QColor &color);
    // Why the last accept() was refused (empty when it was not).
    QString errorText() const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *strandBox() const { return m_strand; }
    QPushButton *colorButton() const { return m_colorButton; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QSpinBox *startBox() const { return m_start; }
    QSpinBox *endBox() const { return m_end; }

    static QStringList commonTypes();

public Q_SLOTS:
    void accept() override;

private:
    void chooseColor();
    void showColor();
    bool validate();

    qint64 m_length;
    bool m_circular;
    bio::Feature m_original;
    QString m_originalName;
    bool m_colorChanged = false;
    QColor m_color;
    QLineEdit *m_name;
    QComboBox *m_type;
    QComboBox *m_strand;
    QPushButton *m_colorButton;
    QPushButton *m_clearColor;
    QPlainTextEdit *m_notes;
    QSpinBox *m_start;
    QSpinBox *m_end;
    QLabel *m_error;
};

} // namespace benchtop::widgets
