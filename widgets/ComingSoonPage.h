#pragma once

#include <QWidget>

namespace benchtop::widgets {

// A page for a part of Benchtop that is not built yet: says so plainly instead of showing an
// empty view that looks broken.
class ComingSoonPage : public QWidget
{
    Q_OBJECT
public:
    ComingSoonPage(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace benchtop::widgets
