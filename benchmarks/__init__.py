"""SellerDesk benchmarks (`make bench`): each figure is printed beside a same-run floor."""
