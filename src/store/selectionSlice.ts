/** Which vCPU a click on a page makes fault. */
export interface SelectionSlice {
  selectedVcpu: number;
}

export const initialSelection: SelectionSlice = { selectedVcpu: 0 };
